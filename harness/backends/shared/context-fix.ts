/** The fix a reader needs when the server's context window is smaller than the prompt, per backend. */
import type { ApiError } from '../../core/messages.ts';

const fixes = {
  ollama:
    "Ollama refused the prompt instead of cutting it: it is longer than the context window. Pass a larger --num-ctx (Ollama's num_ctx, capped at the model's trained length).",
  server:
    "the server's context window is smaller than the prompt: raise it (llama-server -c, vLLM --max-model-len, LM Studio's context length, Ollama's OLLAMA_CONTEXT_LENGTH).",
} as const;

/**
 * `error` with the fix appended when it is a `prompt_too_long`; any other error unchanged.
 * `numCtx`, when known, is the context size the harness asked Ollama for.
 */
export function withContextFix(error: ApiError, backend: keyof typeof fixes, numCtx?: number): ApiError {
  if (error.category !== 'prompt_too_long') return error;
  const asked = numCtx === undefined ? '' : `The harness asked for num_ctx ${numCtx}. `;
  return { ...error, message: `${error.message} (${asked}${fixes[backend]})` };
}
