/**
 * Did the server process the whole prompt? Compares the proxy's own estimate of what it sent
 * (characters / 4) with the input tokens the server reports, and with the server's context size
 * when it is known. Real tokenizers differ from characters / 4 by up to ~30% either way, so only
 * a larger gap, or a count pinned at the context size while more was sent, is called a cut.
 */
import type { ContextCheck } from '../core/exchange.ts';

export interface ContextFigures {
  /** The proxy's estimate of the prompt it sent (estimateInputTokens). */
  sentEstimate: number;
  /** What the server says it processed (cache hits included), or null when it said nothing. */
  serverInputTokens: number | null;
  /** The server's context size when known (preflight), else null. */
  contextTokens: number | null;
}

/** The thresholds, named for the tests and the docs. */
export const contextThresholds = {
  /** A server count below this share of the estimate is beyond any tokenizer difference: a cut. */
  farBelowShare: 0.6,
  /** A server count at or above this share of the context size is "at the limit". */
  atLimitShare: 0.95,
  /** Prompts estimated below this are never judged cut: template overhead dominates small prompts. */
  minSentEstimate: 1024,
} as const;

/** fits, truncated (with the basis) or unknown when the server gave no count. */
export function checkContext(figures: ContextFigures): ContextCheck {
  const { sentEstimate, serverInputTokens, contextTokens } = figures;
  if (serverInputTokens === null) return { state: 'unknown', reason: 'no_server_count' };
  const numbers = { sentEstimate, serverInputTokens, contextTokens };
  // More was sent than the context holds (by the estimate) and the server processed about all of it.
  const atLimit =
    contextTokens !== null &&
    sentEstimate > contextTokens &&
    serverInputTokens >= contextTokens * contextThresholds.atLimitShare;
  if (atLimit) return { state: 'truncated', ...numbers, basis: 'at_context_limit' };
  const farBelow =
    sentEstimate >= contextThresholds.minSentEstimate &&
    serverInputTokens < sentEstimate * contextThresholds.farBelowShare;
  if (farBelow) return { state: 'truncated', ...numbers, basis: 'far_below_sent' };
  return { state: 'fits', ...numbers };
}
