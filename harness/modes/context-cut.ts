/**
 * A prompt the server cut to fit its context window is never the model's failure: the run gets
 * no level. The proxy marks each exchange whose server input count shows a cut; this turns the
 * first such mark into the run's message and evidence, quoting both numbers. Pure.
 */
import type { ContextCheck, ExchangeRecord } from '../core/exchange.ts';
import type { Evidence } from '../core/run.ts';

type Cut = Extract<ContextCheck, { state: 'truncated' }>;

/** The fix for a server whose context is too small, every backend's, for when the server's own is not known. */
export const contextFixes =
  'Raise the server’s context: Ollama OLLAMA_CONTEXT_LENGTH=32768 (or --num-ctx on the native dialect), ' +
  'llama-server -c 32768, LM Studio’s context length setting, vLLM --max-model-len 32768.';

/**
 * The message and evidence of the first cut prompt among `exchanges`, or null when none was cut.
 * `fix` is this server's own fix (a sentence) when the preflight knew it; otherwise every backend's is named.
 */
export function contextCutEvidence(
  exchanges: readonly ExchangeRecord[],
  fix: string | null,
): { message: string; evidence: Evidence[] } | null {
  for (const exchange of exchanges) {
    const check = exchange.context;
    if (check?.state === 'truncated') return describeCut(check, exchange.id, fix ?? contextFixes);
  }
  return null;
}

function describeCut(cut: Cut, source: string, fix: string): { message: string; evidence: Evidence[] } {
  const window = cut.contextTokens === null ? '' : ` of a ${cut.contextTokens}-token context`;
  const basis =
    cut.basis === 'at_context_limit'
      ? 'the count sits at the server’s context limit'
      : 'the count is far below what was sent';
  return {
    message: `the server processed ${cut.serverInputTokens} input tokens${window}; the harness sent about ${cut.sentEstimate}: the prompt was cut (${basis}). ${fix}`,
    evidence: [
      {
        kind: 'context_truncated',
        quote: `sent ≈ ${cut.sentEstimate} tokens; server input tokens ${cut.serverInputTokens}${window}`,
        shows: `the server cut the prompt to fit its context window (${basis}). ${fix}`,
        source,
      },
    ],
  };
}
