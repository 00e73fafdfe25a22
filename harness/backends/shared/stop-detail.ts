/**
 * Telling a context running out mid-generation apart from the output budget: servers report both
 * as finish `length` / `max_tokens`. A server stops short of the request's `max_tokens` only when
 * something else ran out — the context window (llama-server sets `STOP_TYPE_LIMIT` with
 * `truncated` when prompt + output reach `n_ctx` and context shift is off; Ollama with shift off
 * ends `done_reason: "length"`). vLLM refuses such a request up front (an `output_budget` error),
 * so there a `length` stop is always the budget.
 */
import type { StopDetail, StopReason } from '../../core/messages.ts';

/**
 * The detail of a stop: undefined unless it is `max_tokens` with a reported output count; then
 * `output_limit` at (or past) `maxTokens`, `context_exhausted` short of it.
 */
export function stopDetail(
  stopReason: StopReason | null,
  usage: { outputTokens: number | null; promptTokens: number | null },
  maxTokens: number,
): StopDetail | undefined {
  if (stopReason !== 'max_tokens' || usage.outputTokens === null) return undefined;
  const outputTokens = usage.outputTokens;
  if (outputTokens >= maxTokens) return { kind: 'output_limit', outputTokens, maxTokens };
  return { kind: 'context_exhausted', outputTokens, maxTokens, promptTokens: usage.promptTokens };
}
