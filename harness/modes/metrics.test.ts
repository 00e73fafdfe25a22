import { describe, expect, it } from 'vitest';
import type { ServerTimings } from '../core/messages.ts';
import { metricsFromExchange, ratePerSec, runMetrics } from './metrics.ts';
import { modelExchange } from './test-kit/exchange.ts';

const server = (over: Partial<ServerTimings>): ServerTimings => ({
  decodeTokens: 400,
  decodeMs: 10_000,
  prefillTokens: 1000,
  prefillMs: 500,
  loadMs: 0,
  ...over,
});

describe('ratePerSec', () => {
  it.each([
    [100, 2000, 50],
    [0, 1000, { unavailable: 'no_tokens' }],
    [10, 0, { unavailable: 'not_reported' }],
    [null, 1000, { unavailable: 'not_reported' }],
    [10, null, { unavailable: 'not_reported' }],
  ])('%s tokens in %s ms → %j', (tokens, ms, expected) => {
    expect(ratePerSec(tokens, ms, 'not_reported')).toEqual(expected);
  });
});

describe('runMetrics', () => {
  it('takes TTFT from the first model turn and decode over all turns, weighted by tokens', () => {
    const metrics = runMetrics(
      [
        modelExchange({
          usage: { inputTokens: 100, outputTokens: 101 },
          timings: { ttftMs: 500, lastTokenOffsetMs: 1500 },
        }),
        modelExchange({
          usage: { inputTokens: 100, outputTokens: 301 },
          timings: { ttftMs: 200, lastTokenOffsetMs: 1200 },
        }),
      ],
      9000,
    );
    expect(metrics).toMatchObject({
      ttftMs: 500,
      decodeTokensPerSec: 200,
      turns: 2,
      outputTokens: 402,
      inputTokens: 200,
      wallMs: 9000,
    });
  });

  it('reports text and tool-call TTFT apart, each from the first turn that had one', () => {
    const metrics = runMetrics(
      [
        modelExchange({ timings: { ttftMs: 900, firstTextMs: null, firstToolCallMs: 900 } }),
        modelExchange({ timings: { ttftMs: 150, firstTextMs: 150, firstToolCallMs: null } }),
      ],
      1,
    );
    expect(metrics).toMatchObject({ ttftMs: 900, ttftToolCallMs: 900, ttftTextMs: 150 });
  });

  it('says why a metric is missing', () => {
    expect(metricsFromExchange(undefined, 5)).toMatchObject({
      ttftMs: { unavailable: 'no_model_turn' },
      decodeTokensPerSec: { unavailable: 'no_model_turn' },
      turns: 0,
      wallMs: 5,
    });
    const oneToken = metricsFromExchange(modelExchange({ usage: { inputTokens: 1, outputTokens: 1 } }), 5);
    expect(oneToken.decodeTokensPerSec).toEqual({ unavailable: 'one_token' });
    expect(oneToken.serverDecodeTokensPerSec).toEqual({ unavailable: 'not_reported' });
    expect(oneToken.loadMs).toEqual({ unavailable: 'not_reported' });
    expect(oneToken.caveats).toContain('load_not_reported');
  });

  it('sums load time over every turn and counts the reloads, apart from decode and prefill', () => {
    const metrics = runMetrics(
      [
        modelExchange({ serverTimings: server({ loadMs: 4000 }) }),
        modelExchange({ serverTimings: server({ loadMs: 3 }) }),
        modelExchange({ serverTimings: server({ loadMs: 2500 }) }),
      ],
      1,
    );
    expect(metrics).toMatchObject({ loadMs: 6503, loads: 2, serverDecodeTokensPerSec: 40, prefillTokensPerSec: 2000 });
    expect(metrics.caveats).not.toContain('load_not_reported');
  });

  it.each([
    [
      'llama-server: prompt_n excludes the cache',
      { prefillScope: 'uncached' as const, cachedPromptTokens: 20_000 },
      2000,
      [],
    ],
    [
      'a server that says how much its cache held',
      { prefillScope: 'includes_cache_hits' as const, cachedPromptTokens: 800 },
      400,
      [],
    ],
    [
      'Ollama: the count includes cache hits it does not separate',
      { prefillScope: 'includes_cache_hits' as const },
      2000,
      ['prefill_includes_cache_hits'],
    ],
  ])('computes prefill from uncached tokens only (%s)', (_name, scope, rate, caveats) => {
    const metrics = runMetrics([modelExchange({ serverTimings: server({ loadMs: 1, ...scope }) })], 1);
    expect(metrics.prefillTokensPerSec).toBe(rate);
    expect(metrics.caveats).toEqual(caveats);
  });

  it.each([
    ['ollama', undefined, true],
    ['anthropic', 'ollama', true],
    ['openai', 'llama-server', false],
    ['anthropic', undefined, false],
  ])('says when the %s dialect (server %s) sends tool calls whole: %s', (dialect, serverKind, whole) => {
    const call = { id: 't', name: 'Write', input: {}, offered: true, validation: { kind: 'valid' as const } };
    const upstream = {
      dialect,
      url: 'http://127.0.0.1:1',
      model: 'm',
      ...(serverKind === undefined ? {} : { server: serverKind }),
    };
    const metrics = runMetrics([modelExchange({ upstream, toolCalls: [call], serverTimings: server({}) })], 1);
    expect(metrics.caveats.includes('tool_calls_sent_whole')).toBe(whole);
  });
});
