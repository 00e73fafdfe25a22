/**
 * The context window a request meets, per persona and dialect, and what the server does when the
 * prompt does not fit:
 * - Ollama (`num_ctx` on /api/chat, or a persona's own window in every dialect): with `truncate`
 *   on (the default) the oldest non-system messages are dropped, the latest kept, and the prompt
 *   is reported at most the window (server/prompt.go `chatPrompt`, then the runner's token cut);
 *   with `truncate: false` it answers 400 "the input length exceeds the context length"
 *   (runner/ollamarunner/runner.go `errorInputTooLong` and server/routes.go, Ollama ≤ 0.29; commit
 *   9db4bdbad^ of ollama/ollama). A `num_ctx` above the model's trained length is capped to it
 *   (server/sched.go `effectiveContext`).
 * - vLLM (`max_model_len`, anthropic and openai dialects): a prompt plus `max_tokens` over the limit
 *   is refused with 400 before anything is generated; see vllmRefusal.
 */
import { ollamaRefusal, vllmRefusal } from './dialects/server-errors.ts';
import type { Persona } from './personas/registry.ts';
import { estimateInputTokens } from './tokens.ts';
import type { SimConversation } from './types.ts';

/** Ollama's num_ctx when a request names none (the 24–47 GiB VRAM tier of server/routes.go). */
export const ollamaDefaultContext = 32768;

export type WindowOutcome =
  | {
      kind: 'fits';
      /** What the model sees after any cut. */
      seen: SimConversation;
      promptTokens: number;
      /** Output tokens allowed, or null for no limit. */
      budget: number | null;
      /** The server cut the prompt to make it fit. */
      cut: boolean;
    }
  | { kind: 'refused'; status: number; body: unknown };

/**
 * Honours a context window (Ollama `num_ctx`) the way Ollama does: when the prompt does not fit,
 * the oldest non-system messages are dropped (the latest is always kept), the reported prompt is
 * at most the window, and the output may only fill what is left of it — unless even the kept
 * messages overflow, when the runner cuts tokens to the window and shifts the context as it
 * generates (llm/llama_server.go `completionPromptForRequest`, runner context shift).
 */
export function fitContext(conversation: SimConversation): {
  seen: SimConversation;
  promptTokens: number;
  budget: number | null;
} {
  const numCtx = conversation.numCtx;
  if (numCtx === null)
    return { seen: conversation, promptTokens: estimateInputTokens(conversation), budget: conversation.maxTokens };
  const messages = [...conversation.messages];
  let seen = conversation;
  while (estimateInputTokens(seen) > numCtx) {
    const lastIndex = messages.length - 1;
    const drop = messages.findIndex((m, i) => m.role !== 'system' && i < lastIndex);
    if (drop < 0) break;
    messages.splice(drop, 1);
    seen = { ...conversation, messages: [...messages] };
  }
  const remaining = estimateInputTokens(seen);
  // Still too long after dropping messages: the runner keeps the window's worth of tokens and
  // shifts the context while generating, so the output is not capped by what is left.
  if (remaining > numCtx) return { seen, promptTokens: numCtx, budget: conversation.maxTokens };
  const room = numCtx - remaining;
  return {
    seen,
    promptTokens: remaining,
    budget: conversation.maxTokens === null ? room : Math.min(conversation.maxTokens, room),
  };
}

/** The window prompts are cut to, or null when nothing limits them. */
export function cutWindow(persona: Persona, conversation: SimConversation): number | null {
  const served = persona.servedContext;
  const numCtx = conversation.numCtx === null ? null : Math.min(conversation.numCtx, persona.facts.contextTrained);
  if (served === null || served.onOverflow !== 'cut') return conversation.numCtx === null ? null : numCtx;
  return Math.min(numCtx ?? served.tokens, served.tokens);
}

/** The context the model is loaded with, as Ollama's /api/ps reports it after this request. */
export function loadedContext(persona: Persona, conversation: SimConversation): number {
  return (
    cutWindow(persona, conversation) ??
    persona.servedContext?.tokens ??
    Math.min(ollamaDefaultContext, persona.facts.contextTrained)
  );
}

/** Applies the persona's window to the request: what the model sees, or the server's refusal. */
export function applyContextWindow(persona: Persona, conversation: SimConversation): WindowOutcome {
  const served = persona.servedContext;
  if (served?.onOverflow === 'refuse' && conversation.dialect !== 'ollama') {
    const refusal = vllmRefusal(conversation, served.tokens, estimateInputTokens(conversation));
    if (refusal !== null) return { kind: 'refused', ...refusal };
  }
  const window = cutWindow(persona, conversation);
  const full = estimateInputTokens(conversation);
  if (window !== null && full > window && !conversation.truncate) return { kind: 'refused', ...ollamaRefusal() };
  const fitted = fitContext({ ...conversation, numCtx: window });
  return { kind: 'fits', ...fitted, cut: window !== null && full > window };
}
