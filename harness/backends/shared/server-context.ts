/**
 * The context window a server really gives a model, as preflight found it, and the server kinds
 * whose facts the harness knows how to read.
 */

/** Which server answered; decides where the model facts and the context come from. */
export type ServerKind = 'ollama' | 'llama-server' | 'vllm' | 'lm-studio' | 'other';

/**
 * The context the server gives the model. `known` names where the number comes from (`basis`, a
 * phrase such as "Ollama's own setting") and how to raise it on that server (`fix`, a sentence).
 */
export type ServerContext =
  | { kind: 'known'; tokens: number; basis: string; fix: string }
  | { kind: 'unknown'; reason: string };

/** What the bench is about to do, for the checks that refuse runs that cannot work. */
export interface PreflightRequest {
  /** Agent mode will run (the real Claude Code CLI). */
  agent: boolean;
  /** --think was given. */
  think: boolean;
  /** --num-ctx; only the Ollama native dialect can send it. */
  numCtx: number;
}

/** The context to recommend in fixes: the harness's default --num-ctx. */
export const recommendedContext = 32768;

/** A token count with thousands separators, as the messages print it. */
export function tokens(count: number): string {
  return count.toLocaleString('en-US');
}
