/** Backends' own reports about a request, normalised to milliseconds and token counts. */

import { isRecord, numberField } from '../../core/json.ts';
import type { ServerTimings } from '../../core/messages.ts';

const nsPerMs = 1_000_000;

/** A report with nothing in it: every field "not reported". */
export const noServerTimings: ServerTimings = {
  decodeTokens: null,
  decodeMs: null,
  prefillTokens: null,
  prefillMs: null,
  loadMs: null,
};

/**
 * From Ollama's final (`done: true`) line. Ollama omits zero-valued metrics from it (`omitempty` on
 * api.Metrics), so an absent field there is a reported 0, not "not reported". `prompt_eval_count`
 * counts cache hits that `prompt_eval_duration` did not time (llm/llama_server.go
 * `promptEvalCount()` = cache_n + prompt_n).
 */
export function ollamaServerTimings(done: Record<string, unknown>): ServerTimings {
  const count = (key: string): number => numberField(done, key) ?? 0;
  return {
    decodeTokens: count('eval_count'),
    decodeMs: count('eval_duration') / nsPerMs,
    prefillTokens: count('prompt_eval_count'),
    prefillMs: count('prompt_eval_duration') / nsPerMs,
    loadMs: count('load_duration') / nsPerMs,
    cachedPromptTokens: null,
    prefillScope: 'includes_cache_hits',
  };
}

/** From llama-server's `timings` (`predicted_n/_ms`, `prompt_n/_ms`, `cache_n`); null when absent. */
export function llamaServerTimings(timings: unknown): ServerTimings | null {
  if (!isRecord(timings)) return null;
  const result: ServerTimings = {
    decodeTokens: numberField(timings, 'predicted_n'),
    decodeMs: numberField(timings, 'predicted_ms'),
    prefillTokens: numberField(timings, 'prompt_n'),
    prefillMs: numberField(timings, 'prompt_ms'),
    loadMs: null,
    cachedPromptTokens: numberField(timings, 'cache_n'),
  };
  if (result.decodeTokens === null && result.prefillTokens === null) return null;
  // The server's own rate: llama.cpp counts the steps predicted_ms timed, one fewer than
  // predicted_n (3 / 4.498 ms = 666.96 tok/s in the recorded stream), 6.7% off on a 16-token turn.
  const stated = numberField(timings, 'predicted_per_second');
  if (stated !== null) result.statedDecodeTokensPerSec = stated;
  // prompt_n counts only what was evaluated; cache_n is kept apart (tools/server/server-common.cpp).
  if (result.prefillTokens !== null) result.prefillScope = 'uncached';
  return result;
}

/**
 * Cached prompt tokens from a usage object: OpenAI-shape `prompt_tokens_details.cached_tokens`
 * (vLLM, llama-server) or Anthropic-shape `cache_read_input_tokens`; null when it says neither.
 */
export function cachedTokensFromUsage(usage: unknown): number | null {
  if (!isRecord(usage)) return null;
  const details = usage.prompt_tokens_details;
  if (isRecord(details)) {
    const cached = numberField(details, 'cached_tokens');
    if (cached !== null) return cached;
  }
  return numberField(usage, 'cache_read_input_tokens');
}

/** `later` over `earlier`, field by field, where `later` reported something. */
export function mergeServerTimings(earlier: ServerTimings | null, later: ServerTimings | null): ServerTimings | null {
  if (earlier === null) return later;
  if (later === null) return earlier;
  const merged: ServerTimings = { ...earlier };
  for (const [key, value] of Object.entries(later) as Array<[keyof ServerTimings, unknown]>) {
    if (value !== null && value !== undefined) Object.assign(merged, { [key]: value });
  }
  return merged;
}

/** A report carrying only a cached-token count, or null when there is none. */
export function cachedOnlyTimings(cachedPromptTokens: number | null): ServerTimings | null {
  return cachedPromptTokens === null ? null : { ...noServerTimings, cachedPromptTokens };
}
