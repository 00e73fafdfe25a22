/**
 * Refusals real servers answer before generating, in their own words and shapes:
 * - Ollama, prompt over the window with `truncate: false`: 400 `{"error": "the input length exceeds
 *   the context length"}` (runner/ollamarunner/runner.go `errorInputTooLong`, relayed by llm/server.go
 *   and server/routes.go; ollama/ollama at 9db4bdbad^, the last release line with Go runners. Since
 *   v0.30 the llama-server runner's own error body is relayed instead).
 * - Ollama, tools offered to a model without the `tools` capability: 400 "<full model name> does not
 *   support tools" (server/images.go CheckCapabilities, server/routes.go handleScheduleError), in the
 *   /v1 layers through anthropic.NewError / openai.NewError.
 * - vLLM, prompt plus `max_tokens` over `max_model_len`: 400 BadRequestError "This model's maximum
 *   context length is M tokens. However, you requested N output tokens and your prompt contains at
 *   least P input tokens, for a total of at least T tokens. …" — P is counted only up to M − N + 1,
 *   since vLLM tokenizes with `max_length = max_input_tokens + 1` (vllm/renderers/params.py
 *   `get_encode_kwargs`). Wording as vLLM 0.11–0.15 send it (interop-audit.md item 2, user logs with
 *   `"param": "input_tokens"`); without `max_tokens` a prompt over the limit gets the older engine's
 *   "The decoder prompt (length P) is longer than the maximum model length of M."
 *   (vllm/v1/engine/processor.py `_validate_model_input`). On /v1/messages vLLM wraps the message as
 *   `{"type": "error", "error": {"type": "BadRequestError", …}}`.
 */
import type { SimConversation, SimDialect } from '../types.ts';
import { ollamaAnthropicError, ollamaOpenAIError } from './interrupts.ts';

export interface Refusal {
  status: number;
  body: unknown;
}

/** Ollama's answer to a prompt over the window when the request said `truncate: false`. */
export function ollamaRefusal(): Refusal {
  return { status: 400, body: { error: 'the input length exceeds the context length' } };
}

/** Ollama's full name of a model (`registry.ollama.ai/library/NAME:latest`). */
export function ollamaFullName(model: string): string {
  const tagged = model.includes(':') ? model : `${model}:latest`;
  return tagged.includes('/') ? tagged : `registry.ollama.ai/library/${tagged}`;
}

/** Ollama's 400 for a request that needs a capability the model lacks, in the dialect's shape. */
export function ollamaCapabilityRefusal(dialect: SimDialect, model: string, capability: string): Refusal {
  const message = `${ollamaFullName(model)} does not support ${capability}`;
  if (dialect === 'anthropic') return { status: 400, body: ollamaAnthropicError(400, message) };
  if (dialect === 'openai') return { status: 400, body: ollamaOpenAIError(400, message) };
  return { status: 400, body: { error: message } };
}

function vllmBody(dialect: SimDialect, message: string, param: string | null): unknown {
  if (dialect === 'anthropic') return { type: 'error', error: { type: 'BadRequestError', message } };
  return { error: { message, type: 'BadRequestError', param, code: 400 } };
}

/** vLLM's refusal of a request over `maxModelLen`, or null when it fits. */
export function vllmRefusal(conversation: SimConversation, maxModelLen: number, promptTokens: number): Refusal | null {
  const output = conversation.maxTokens;
  if (output === null) {
    if (promptTokens <= maxModelLen) return null;
    const message = `The decoder prompt (length ${promptTokens}) is longer than the maximum model length of ${maxModelLen}. Make sure that \`max_model_len\` is no smaller than the number of text tokens.`;
    return { status: 400, body: vllmBody(conversation.dialect, message, null) };
  }
  if (promptTokens + output <= maxModelLen) return null;
  const counted = Math.min(promptTokens, Math.max(0, maxModelLen - output) + 1);
  const message =
    `This model's maximum context length is ${maxModelLen} tokens. However, you requested ${output} output tokens ` +
    `and your prompt contains at least ${counted} input tokens, for a total of at least ${counted + output} tokens. ` +
    `Please reduce the length of the input prompt or the number of requested output tokens. ` +
    `(parameter=input_tokens, value=${counted})`;
  return { status: 400, body: vllmBody(conversation.dialect, message, 'input_tokens') };
}
