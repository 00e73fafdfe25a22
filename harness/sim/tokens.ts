/** The sim's deterministic tokeniser and its input-token estimate. */
import type { SimConversation } from './types.ts';

/** Characters per output token: every token is a piece of at most this many characters. */
export const charsPerToken = 4;

/** Cuts text into pieces of at most four characters (code points, so no surrogate is split). */
export function tokenize(text: string): string[] {
  const chars = Array.from(text);
  const pieces: string[] = [];
  for (let i = 0; i < chars.length; i += charsPerToken) pieces.push(chars.slice(i, i + charsPerToken).join(''));
  return pieces;
}

/**
 * Input tokens the sim reports (Ollama `prompt_eval_count`, `input_tokens`, `prompt_tokens`):
 * characters of everything the model reads — system text, messages, tool calls and results, and
 * the offered tool definitions — divided by four, rounded up.
 */
export function estimateInputTokens(conversation: SimConversation): number {
  let chars = conversation.system.length;
  for (const message of conversation.messages) {
    chars += message.text.length;
    if (message.role === 'assistant') {
      chars += message.thinking.length;
      for (const call of message.toolCalls) chars += call.name.length + JSON.stringify(call.input ?? {}).length;
    }
    if (message.role === 'user') for (const result of message.toolResults) chars += result.text.length;
  }
  for (const tool of conversation.tools)
    chars += tool.name.length + tool.description.length + JSON.stringify(tool.parameters ?? {}).length;
  return Math.ceil(chars / charsPerToken);
}
