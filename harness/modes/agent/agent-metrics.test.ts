import { describe, expect, it } from 'vitest';
import type { ExchangeKind, ExchangeRecord } from '../../core/exchange.ts';
import type { ServerTimings } from '../../core/messages.ts';
import { agentMetrics } from './agent-metrics.ts';

function exchange(
  kind: ExchangeKind,
  out: number | null,
  first: number | null,
  last: number | null,
  extra: { ttft?: number; server?: ServerTimings; input?: number; queue?: number } = {},
): ExchangeRecord {
  return {
    kind,
    usage: { inputTokens: extra.input ?? 100, outputTokens: out },
    timings: {
      queueMs: extra.queue ?? 0,
      ttftMs: extra.ttft ?? first,
      decodeTokensPerSec: null,
      totalMs: last ?? 0,
      firstTokenOffsetMs: first,
      lastTokenOffsetMs: last,
      deltaCount: out ?? 0,
    },
    serverTimings: extra.server ?? null,
  } as unknown as ExchangeRecord;
}

describe('agentMetrics', () => {
  it('takes TTFT from the first model turn and decode over all turns, weighted by tokens', () => {
    const metrics = agentMetrics(
      [
        exchange('housekeeping', 50, 10, 20, { ttft: 10 }),
        exchange('model', 101, 500, 1500, { ttft: 500 }), // 100 tokens in 1 s
        exchange('model', 301, 200, 1200, { ttft: 200 }), // 300 tokens in 1 s
      ],
      9000,
    );
    expect(metrics.ttftMs).toBe(500);
    expect(metrics.decodeTokensPerSec).toBe(200);
    expect(metrics.turns).toBe(2);
    expect(metrics.outputTokens).toBe(402);
    expect(metrics.inputTokens).toBe(200);
    expect(metrics.totalMs).toBe(9000);
  });

  it('leaves single-token turns out of the decode rate and sums server timings per turn', () => {
    const server = (decodeTokens: number, decodeMs: number, loadMs: number): ServerTimings => ({
      decodeTokens,
      decodeMs,
      prefillTokens: 1000,
      prefillMs: 500,
      loadMs,
    });
    const metrics = agentMetrics(
      [
        exchange('model', 1, 100, 100, { server: server(1, 10, 4000) }),
        exchange('model', 11, 100, 200, { server: server(30, 990, 0), queue: 40 }),
      ],
      1000,
    );
    expect(metrics.decodeTokensPerSec).toBe(100);
    expect(metrics.serverDecodeTokensPerSec).toBe(31);
    expect(metrics.prefillTokensPerSec).toBe(2000);
    expect(metrics.loadMs).toBe(4000);
    expect(metrics.queueMs).toBe(40);
  });

  it('has no rates when there was no model turn', () => {
    const metrics = agentMetrics([exchange('housekeeping', 5, 1, 2)], 300);
    expect(metrics).toMatchObject({
      ttftMs: null,
      decodeTokensPerSec: null,
      turns: 0,
      outputTokens: null,
      totalMs: 300,
    });
  });
});
