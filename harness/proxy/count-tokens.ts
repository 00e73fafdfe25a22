/** The local token estimate for `count_tokens` when the backend cannot count: characters / 4. */
import type { MessagesRequest } from '../core/messages.ts';

/** About one token per four characters of text in system, messages and tools. */
export function estimateInputTokens(request: Partial<MessagesRequest>): number {
  const chars = textLength(request.system) + textLength(request.messages) + textLength(request.tools);
  return Math.ceil(chars / 4);
}

// Sums the string leaves (text, tool inputs, schemas); the structural keys add nothing the
// model sees as text.
function textLength(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value).length;
  if (Array.isArray(value)) return value.reduce<number>((sum, item) => sum + textLength(item), 0);
  if (typeof value === 'object' && value !== null) {
    let sum = 0;
    for (const [key, item] of Object.entries(value)) {
      if (key === 'type' || key === 'cache_control') continue;
      sum += key.length + textLength(item);
    }
    return sum;
  }
  return 0;
}
