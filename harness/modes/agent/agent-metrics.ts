/** A multi-turn agent run's metrics from its model exchanges. Pure. */
import type { ExchangeRecord } from '../../core/exchange.ts';
import type { RunMetrics } from '../../core/run.ts';
import { ratePerSec } from '../metrics.ts';
import { modelExchanges } from './collect-evidence.ts';

function sumOrNull(values: ReadonlyArray<number | null>): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : present.reduce((a, b) => a + b, 0);
}

/**
 * TTFT is the first model turn's; decode rates are over all model turns (Σ(output − 1) over Σ
 * decode time, so long turns weigh more than a one-token reply); tokens and queue time are
 * summed; housekeeping exchanges are left out; `totalMs` is the CLI's wall time.
 */
export function agentMetrics(exchanges: readonly ExchangeRecord[], wallMs: number): RunMetrics {
  const turns = modelExchanges(exchanges);
  let decodeTokens = 0;
  let decodeMs = 0;
  for (const e of turns) {
    const { firstTokenOffsetMs: first, lastTokenOffsetMs: last } = e.timings;
    const out = e.usage.outputTokens;
    if (first === null || last === null || out === null || out < 2 || last <= first) continue;
    decodeTokens += out - 1;
    decodeMs += last - first;
  }
  const server = turns.map((e) => e.serverTimings).filter((t) => t !== null);
  const decodePairs = server.filter((t) => t.decodeTokens !== null && t.decodeMs !== null);
  const prefillPairs = server.filter((t) => t.prefillTokens !== null && t.prefillMs !== null);
  return {
    ttftMs: turns[0]?.timings.ttftMs ?? null,
    decodeTokensPerSec: ratePerSec(decodeTokens, decodeMs),
    serverDecodeTokensPerSec: ratePerSec(
      sumOrNull(decodePairs.map((t) => t.decodeTokens)),
      sumOrNull(decodePairs.map((t) => t.decodeMs)),
    ),
    prefillTokensPerSec: ratePerSec(
      sumOrNull(prefillPairs.map((t) => t.prefillTokens)),
      sumOrNull(prefillPairs.map((t) => t.prefillMs)),
    ),
    // A cold load shows on the first turn only; later turns report ~0.
    loadMs: turns[0]?.serverTimings?.loadMs ?? null,
    totalMs: wallMs,
    queueMs: sumOrNull(turns.map((e) => e.timings.queueMs)),
    inputTokens: sumOrNull(turns.map((e) => e.usage.inputTokens)),
    outputTokens: sumOrNull(turns.map((e) => e.usage.outputTokens)),
    turns: turns.length,
  };
}
