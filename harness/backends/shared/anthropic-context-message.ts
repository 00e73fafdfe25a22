/**
 * The wording Claude Code is told for a context error, chosen by what the pinned CLI (2.1.328) was
 * seen to do with each (loopback server answering 400, fixtures/claude-code/README.md):
 * - "input length and `max_tokens` exceed context limit: P + O > L, decrease input length or
 *   `max_tokens` and try again" (Anthropic's own): it retries once with max_tokens = L − P − 1000
 *   (when that is ≥ 3000; otherwise it ends with `terminal_reason: prompt_too_long`). Text around
 *   the phrase does not stop it.
 * - "prompt is too long…": it ends the run at once with `terminal_reason: prompt_too_long`, showing
 *   "~P tokens (limit L)" when the message says "P tokens > L maximum".
 * - vLLM's own output-budget wordings passed through unchanged: it ends the run as prompt too long,
 *   never lowering max_tokens — hence the rewording.
 */
import type { ContextError } from './context-errors.ts';

/** The Anthropic-style message for a context error, with the upstream's own words kept in parentheses. */
export function anthropicContextMessage(error: ContextError, upstreamMessage: string): string {
  switch (error.category) {
    case 'output_budget':
      if (/input length and `?max_tokens`? exceed context limit/i.test(upstreamMessage)) return upstreamMessage;
      return `input length and \`max_tokens\` exceed context limit: ${error.promptTokens} + ${error.outputTokens} > ${error.contextTokens}, decrease input length or \`max_tokens\` and try again (upstream: ${upstreamMessage})`;
    case 'prompt_too_long':
      return promptTooLongMessage(error.promptTokens, error.contextTokens, upstreamMessage);
    case 'context_exhausted':
      return `the context window filled up during generation (upstream: ${upstreamMessage})`;
  }
}

function promptTooLongMessage(prompt: number | null, window: number | null, upstream: string): string {
  if (/^prompt is too long/i.test(upstream)) return upstream;
  if (prompt !== null && window !== null)
    return `prompt is too long: ${prompt} tokens > ${window} maximum (upstream: ${upstream})`;
  return `prompt is too long: ${upstream}`;
}
