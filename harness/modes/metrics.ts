/**
 * Turning proxy records into a run's metrics, raw (one exchange) and agent (every model turn).
 * Pure. A metric without a value says why (core/run.ts unavailableReasons), and a figure that
 * cannot be compared across backends carries its caveat.
 */

import { streamsToolCalls } from '../backends/tool-call-streaming.ts';
import type { DialectKind, ServerKind } from '../backends/types.ts';
import type { ExchangeRecord } from '../core/exchange.ts';
import type { ServerTimings } from '../core/messages.ts';
import type { Measured, MetricCaveat, RunMetrics, UnavailableReason } from '../core/run.ts';

const why = (reason: UnavailableReason): Measured => ({ unavailable: reason });

/** tokens / seconds, or why not. */
export function ratePerSec(tokens: number | null, ms: number | null, missing: UnavailableReason): Measured {
  if (tokens === null || ms === null) return why(missing);
  if (tokens <= 0) return why('no_tokens');
  if (ms <= 0) return why(missing);
  return tokens / (ms / 1000);
}

function sum(values: ReadonlyArray<number | null | undefined>): number | null {
  const present = values.filter((v): v is number => typeof v === 'number');
  return present.length === 0 ? null : present.reduce((a, b) => a + b, 0);
}

/** Decode rate at the proxy: Σ(output − 1) over Σ(last − first token time) of the turns that have both. */
function clientDecode(turns: readonly ExchangeRecord[]): Measured {
  let tokens = 0;
  let ms = 0;
  let outputs = 0;
  for (const e of turns) {
    const { ttftMs: first, lastTokenOffsetMs: last } = e.timings;
    const out = e.usage.outputTokens;
    outputs += out ?? 0;
    if (first === null || last === null || out === null || out < 2 || last <= first) continue;
    tokens += out - 1;
    ms += last - first;
  }
  if (tokens > 0) return tokens / (ms / 1000);
  return why(outputs === 0 ? 'no_tokens' : 'one_token');
}

/** Server-side decode and uncached prefill rates, load time and the caveats they carry. */
function serverFigures(turns: readonly ExchangeRecord[]): {
  decode: Measured;
  prefill: Measured;
  loadMs: Measured;
  loads: number;
  caveats: MetricCaveat[];
} {
  const timings = turns.map((e) => e.serverTimings).filter((t) => t !== null);
  const decodePairs = timings.filter((t) => t.decodeTokens !== null && t.decodeMs !== null);
  const prefillPairs = timings.filter((t) => t.prefillTokens !== null && t.prefillMs !== null);
  const loads = timings.map((t) => t.loadMs).filter((ms): ms is number => ms !== null);
  const caveats: MetricCaveat[] = [];
  if (loads.length === 0 && turns.length > 0) caveats.push('load_not_reported');
  // A count that includes cache hits the server timed no work for overstates the rate: take the
  // cached tokens out where the server says how many, else say so next to the figure.
  const uncached = prefillPairs.map((t) =>
    t.prefillScope === 'includes_cache_hits' && typeof t.cachedPromptTokens === 'number'
      ? Math.max(0, (t.prefillTokens ?? 0) - t.cachedPromptTokens)
      : t.prefillTokens,
  );
  const unknownCache = (t: ServerTimings) =>
    t.prefillScope === 'includes_cache_hits' && typeof t.cachedPromptTokens !== 'number';
  if (prefillPairs.some(unknownCache)) caveats.push('prefill_includes_cache_hits');
  // Where the server states its rate, its own count of timed tokens (rate × time) is what it means.
  const decodeTokens = sum(
    decodePairs.map((t) =>
      typeof t.statedDecodeTokensPerSec === 'number'
        ? (t.statedDecodeTokensPerSec * (t.decodeMs ?? 0)) / 1000
        : t.decodeTokens,
    ),
  );
  return {
    decode: ratePerSec(decodeTokens, sum(decodePairs.map((t) => t.decodeMs)), 'not_reported'),
    prefill: ratePerSec(sum(uncached), sum(prefillPairs.map((t) => t.prefillMs)), 'not_reported'),
    loadMs: loads.length === 0 ? why('not_reported') : loads.reduce((a, b) => a + b, 0),
    // A warm turn reports a few milliseconds of "load"; a real (re)load takes far longer.
    loads: loads.filter((ms) => ms >= LOAD_THRESHOLD_MS).length,
    caveats,
  };
}

/** True when the backend only sends a tool call once it is complete, and the run had one. */
function toolCallsSentWhole(turns: readonly ExchangeRecord[]): boolean {
  const upstream = turns[0]?.upstream;
  if (upstream === undefined || upstream === null) return false;
  const server = (upstream.server ?? 'other') as ServerKind;
  const whole = streamsToolCalls(upstream.dialect as DialectKind, server) === false;
  return whole && turns.some((e) => e.toolCalls.some((c) => c.text === undefined));
}

/** A server-reported load at least this long is a model (re)load, not bookkeeping. */
export const LOAD_THRESHOLD_MS = 100;

function firstOf(
  turns: readonly ExchangeRecord[],
  pick: (e: ExchangeRecord) => number | null | undefined,
  none: UnavailableReason,
): Measured {
  for (const e of turns) {
    const value = pick(e);
    if (typeof value === 'number') return value;
  }
  return why(turns.length === 0 ? 'no_model_turn' : none);
}

/**
 * The metrics of a run from its model exchanges (housekeeping excluded). TTFT is the first
 * turn's first content of any kind; text and tool-call TTFT are reported apart, each from the
 * first turn that had one; decode rates are over all turns (long turns weigh more than a
 * one-token reply); tokens, queue time and load time are summed.
 */
export function runMetrics(turns: readonly ExchangeRecord[], wallMs: number): RunMetrics {
  const server = serverFigures(turns);
  const first = turns[0];
  return {
    ttftMs: first === undefined ? why('no_model_turn') : (first.timings.ttftMs ?? why('no_tokens')),
    ttftTextMs: firstOf(turns, (e) => e.timings.firstTextMs, 'no_text'),
    ttftToolCallMs: firstOf(turns, (e) => e.timings.firstToolCallMs, 'no_tool_call'),
    decodeTokensPerSec: turns.length === 0 ? why('no_model_turn') : clientDecode(turns),
    serverDecodeTokensPerSec: turns.length === 0 ? why('no_model_turn') : server.decode,
    prefillTokensPerSec: turns.length === 0 ? why('no_model_turn') : server.prefill,
    loadMs: turns.length === 0 ? why('no_model_turn') : server.loadMs,
    loads: server.loads,
    queueMs: sum(turns.map((e) => e.timings.queueMs)) ?? 0,
    inputTokens:
      sum(turns.map((e) => e.usage.inputTokens)) ?? why(turns.length === 0 ? 'no_model_turn' : 'not_reported'),
    outputTokens:
      sum(turns.map((e) => e.usage.outputTokens)) ?? why(turns.length === 0 ? 'no_model_turn' : 'not_reported'),
    turns: turns.length,
    wallMs,
    caveats: toolCallsSentWhole(turns) ? [...server.caveats, 'tool_calls_sent_whole'] : server.caveats,
  };
}

/** Metrics of a single-request (raw) run, from its one model exchange. */
export function metricsFromExchange(exchange: ExchangeRecord | undefined, wallMs: number): RunMetrics {
  return runMetrics(exchange === undefined ? [] : [exchange], wallMs);
}
