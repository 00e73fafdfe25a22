/** Turning proxy records into a run's metrics. Pure. */
import type { ExchangeRecord } from '../core/exchange.ts';
import type { ServerTimings } from '../core/messages.ts';
import type { RunMetrics } from '../core/run.ts';

/** tokens / seconds, or null when either side is missing or zero. */
export function ratePerSec(tokens: number | null, ms: number | null): number | null {
  if (tokens === null || ms === null || ms <= 0 || tokens <= 0) return null;
  return tokens / (ms / 1000);
}

/** Server decode and prefill rates as the backend reported them. */
export function serverRates(timings: ServerTimings | null): {
  decode: number | null;
  prefill: number | null;
  loadMs: number | null;
} {
  if (timings === null) return { decode: null, prefill: null, loadMs: null };
  return {
    decode: ratePerSec(timings.decodeTokens, timings.decodeMs),
    prefill: ratePerSec(timings.prefillTokens, timings.prefillMs),
    loadMs: timings.loadMs,
  };
}

/** Metrics of a single-request (raw) run, from its one model exchange. */
export function metricsFromExchange(exchange: ExchangeRecord | undefined, wallMs: number): RunMetrics {
  if (exchange === undefined) {
    return {
      ttftMs: null,
      decodeTokensPerSec: null,
      serverDecodeTokensPerSec: null,
      prefillTokensPerSec: null,
      loadMs: null,
      totalMs: wallMs,
      queueMs: null,
      inputTokens: null,
      outputTokens: null,
      turns: 0,
    };
  }
  const server = serverRates(exchange.serverTimings);
  return {
    ttftMs: exchange.timings.ttftMs,
    decodeTokensPerSec: exchange.timings.decodeTokensPerSec,
    serverDecodeTokensPerSec: server.decode,
    prefillTokensPerSec: server.prefill,
    loadMs: server.loadMs,
    totalMs: wallMs,
    queueMs: exchange.timings.queueMs,
    inputTokens: exchange.usage.inputTokens,
    outputTokens: exchange.usage.outputTokens,
    turns: 1,
  };
}
