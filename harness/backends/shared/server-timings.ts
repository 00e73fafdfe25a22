/** Backends' own timing reports, normalised to milliseconds and token counts. */
import type { ServerTimings } from '../../core/messages.ts';
import { isRecord, numberField } from './json.ts';

const nsPerMs = 1_000_000;

/** From Ollama's final chunk (durations in nanoseconds); null when it carries none of them. */
export function ollamaServerTimings(chunk: Record<string, unknown>): ServerTimings | null {
  const ns = (key: string): number | null => {
    const value = numberField(chunk, key);
    return value === null ? null : value / nsPerMs;
  };
  const timings: ServerTimings = {
    decodeTokens: numberField(chunk, 'eval_count'),
    decodeMs: ns('eval_duration'),
    prefillTokens: numberField(chunk, 'prompt_eval_count'),
    prefillMs: ns('prompt_eval_duration'),
    loadMs: ns('load_duration'),
  };
  return Object.values(timings).every((value) => value === null) ? null : timings;
}

/** From llama-server's `timings` object (`predicted_n`, `predicted_ms`, `prompt_n`, `prompt_ms`). */
export function llamaServerTimings(timings: unknown): ServerTimings | null {
  if (!isRecord(timings)) return null;
  const result: ServerTimings = {
    decodeTokens: numberField(timings, 'predicted_n'),
    decodeMs: numberField(timings, 'predicted_ms'),
    prefillTokens: numberField(timings, 'prompt_n'),
    prefillMs: numberField(timings, 'prompt_ms'),
    loadMs: null,
  };
  return result.decodeTokens === null && result.prefillTokens === null ? null : result;
}
