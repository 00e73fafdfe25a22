/**
 * Whether a request leaves a thinking-capable model thinking, read the way the imitated server reads
 * its own switch. Every server here thinks by default for such a model; what turns it off differs:
 * - Ollama native: `think: false` (server/routes.go ChatHandler: `think` absent → true for a model
 *   with the thinking capability).
 * - Ollama /v1/messages: only `thinking: {"type": "disabled"}`; `enabled`, an `output_config.effort`
 *   or nothing leave it on (anthropic/anthropic.go FromMessagesRequest, then the same ChatHandler).
 * - Ollama /v1/chat/completions: `reasoning.effort` or `reasoning_effort` "none"; `chat_template_kwargs`
 *   is ignored (openai/openai.go thinkFromReasoningEffort).
 * - llama-server, both dialects: `chat_template_kwargs.enable_thinking: false`; its /v1/messages maps
 *   only `thinking.type == "enabled"` (to a budget) and passes `chat_template_kwargs` through
 *   (tools/server/server-common.cpp oaicompat_chat_params_parse, server-chat.cpp
 *   server_chat_convert_anthropic_to_oai).
 * - vLLM, both dialects: `chat_template_kwargs.enable_thinking: false` (its /v1/messages has no
 *   `thinking` field).
 * - LM Studio: `reasoning_effort: "none"` on /v1/chat/completions, which ignores `chat_template_kwargs`
 *   (lmstudio-bug-tracker#2057 maintainer table, #632); on /v1/messages `thinking.type: "disabled"`
 *   is assumed (that row of the table is not in the stored copy).
 */
import { isRecord } from '../../core/json.ts';
import type { SimDialect, SimFlavour } from '../types.ts';

function templateSaysNoThinking(body: Record<string, unknown>): boolean {
  return isRecord(body.chat_template_kwargs) && body.chat_template_kwargs.enable_thinking === false;
}

function effortIsNone(body: Record<string, unknown>): boolean {
  const effort = isRecord(body.reasoning) ? body.reasoning.effort : body.reasoning_effort;
  return effort === 'none';
}

function anthropicDisabled(body: Record<string, unknown>): boolean {
  return isRecord(body.thinking) && body.thinking.type === 'disabled';
}

const switchedOff: Record<
  SimFlavour,
  Record<Exclude<SimDialect, 'ollama'>, (body: Record<string, unknown>) => boolean>
> = {
  ollama: { anthropic: anthropicDisabled, openai: effortIsNone },
  'llama-server': { anthropic: templateSaysNoThinking, openai: templateSaysNoThinking },
  vllm: { anthropic: templateSaysNoThinking, openai: templateSaysNoThinking },
  'lm-studio': { anthropic: anthropicDisabled, openai: effortIsNone },
};

/**
 * True when the request leaves thinking on. The native /api/chat dialect is Ollama's whatever the
 * flavour: only `think: false` turns it off.
 */
export function thinkingOn(flavour: SimFlavour, dialect: SimDialect, body: Record<string, unknown>): boolean {
  if (dialect === 'ollama') return body.think !== false;
  return !switchedOff[flavour][dialect](body);
}
