/**
 * "Thinking off" (and on) in each server's own words, for the two dialects several servers speak.
 * What each server reads, from its source:
 * - Ollama /v1/messages: only `thinking.type` "enabled"|"disabled" (anthropic/anthropic.go
 *   FromMessagesRequest); without it a thinking-capable model thinks (server/routes.go ChatHandler).
 *   Ollama /v1/chat/completions: only `reasoning_effort` / `reasoning.effort`, "none" = off
 *   (openai/openai.go thinkFromReasoningEffort). Both ignore unknown fields (Go JSON).
 * - llama-server: `chat_template_kwargs.enable_thinking` on both routes (tools/server/server-common.cpp;
 *   /v1/messages passes `chat_template_kwargs` through, server-chat.cpp); `thinking` "enabled" only
 *   sets a thinking budget, "disabled" is ignored.
 * - vLLM: `chat_template_kwargs` on both routes (chat_completion/protocol.py, anthropic/protocol.py);
 *   the Anthropic route ignores `thinking`; `reasoning_effort` "none" is rejected by versions whose
 *   field is Literal["low","medium","high"], so it is never sent to a server that may be vLLM.
 * - LM Studio: `reasoning_effort` "none" on /v1/chat/completions, which ignores `chat_template_kwargs`
 *   (lmstudio-bug-tracker#2057 maintainer table, #632, as harness/sim/dialects/thinking-switch.ts
 *   read them); the standard `thinking` on /v1/messages.
 * Any other server gets every switch that all of the above accept or ignore.
 */
import type { ServerKind } from '../types.ts';

const minThinkingBudget = 1024;

/** The fields that switch thinking on an Anthropic-shaped request. */
export function anthropicThinkingFields(
  server: ServerKind,
  think: boolean,
  maxTokens: number,
): Record<string, unknown> {
  const thinking = think ? { type: 'enabled', budget_tokens: thinkingBudget(maxTokens) } : { type: 'disabled' };
  const template = { enable_thinking: think };
  switch (server) {
    case 'ollama':
    case 'lm-studio':
      return { thinking };
    case 'vllm':
      return { chat_template_kwargs: template };
    case 'llama-server':
      return think ? { thinking, chat_template_kwargs: template } : { chat_template_kwargs: template };
    case 'other':
      return { thinking, chat_template_kwargs: template };
  }
}

/** The fields that switch thinking on an OpenAI chat-completions request. */
export function openAiThinkingFields(server: ServerKind, think: boolean): Record<string, unknown> {
  // "medium" is what Ollama's own think:true means for a model with effort levels (gpt-oss).
  if (server === 'ollama' || server === 'lm-studio') return { reasoning_effort: think ? 'medium' : 'none' };
  return { chat_template_kwargs: { enable_thinking: think } };
}

// Claude Code asks for {type:"adaptive"}, which local backends do not know; the budget is half the
// output budget, at least 1024, always below max_tokens.
function thinkingBudget(maxTokens: number): number {
  return Math.max(1, Math.min(Math.max(minThinkingBudget, Math.floor(maxTokens / 2)), maxTokens - 1));
}
