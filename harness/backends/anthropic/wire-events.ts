/**
 * Anthropic-compatible SSE payloads → typed events, field by field (the edge where untrusted JSON
 * becomes StreamEvent). Ids and the model name are the harness's own: the upstream's `chatcmpl-…`
 * id and its model id (llama-server's is the GGUF path) never reach the client.
 */

import { isRecord, numberField } from '../../core/json.ts';
import type { ContentDelta, MessagesResponse, ResponseBlock, StopReason, Usage } from '../../core/messages.ts';

const stopReasons: ReadonlySet<string> = new Set<StopReason>([
  'end_turn',
  'max_tokens',
  'tool_use',
  'stop_sequence',
  'pause_turn',
  'refusal',
]);

/** The usage fields that are numbers, in the order the server sent them; `output_tokens` defaults to 0. */
export function wireUsage(value: unknown): Partial<Usage> & { output_tokens: number } {
  const usage = isRecord(value) ? value : {};
  const out: Partial<Usage> & { output_tokens: number } = { output_tokens: 0 };
  delete (out as Partial<Usage>).output_tokens;
  for (const key of Object.keys(usage)) {
    const n = numberField(usage, key);
    if (n !== null && usageKeys.has(key)) Object.assign(out, { [key]: n });
  }
  out.output_tokens ??= 0;
  return out;
}

const usageKeys: ReadonlySet<string> = new Set([
  'input_tokens',
  'output_tokens',
  'cache_read_input_tokens',
  'cache_creation_input_tokens',
]);

/** The message of a `message_start`, with the request's model and an Anthropic-style id. */
export function wireMessage(value: unknown, model: string, newId: () => string): MessagesResponse {
  const message = isRecord(value) ? value : {};
  const usage = wireUsage(message.usage);
  const id = typeof message.id === 'string' && message.id.startsWith('msg_') ? message.id : newId();
  return {
    id,
    type: 'message',
    role: 'assistant',
    model,
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: { input_tokens: 0, ...usage },
  };
}

/** A content block as sent in `content_block_start`, or null for a block type the harness does not relay. */
export function wireBlock(value: unknown, newToolUseId: () => string): ResponseBlock | null {
  if (!isRecord(value)) return null;
  switch (value.type) {
    case 'text':
      return { type: 'text', text: typeof value.text === 'string' ? value.text : '' };
    case 'thinking':
      return { type: 'thinking', thinking: typeof value.thinking === 'string' ? value.thinking : '' };
    case 'tool_use':
      return {
        type: 'tool_use',
        id: typeof value.id === 'string' && value.id !== '' ? value.id : newToolUseId(),
        name: typeof value.name === 'string' ? value.name : '',
        input: isRecord(value.input) ? value.input : {},
      };
    default:
      return null;
  }
}

/** A `content_block_delta` delta, or null for a delta type the harness does not relay. */
export function wireDelta(value: unknown): ContentDelta | null {
  if (!isRecord(value)) return null;
  const text = (key: string): string => {
    const field = value[key];
    return typeof field === 'string' ? field : '';
  };
  switch (value.type) {
    case 'text_delta':
      return { type: 'text_delta', text: text('text') };
    case 'thinking_delta':
      return { type: 'thinking_delta', thinking: text('thinking') };
    case 'input_json_delta':
      return { type: 'input_json_delta', partial_json: text('partial_json') };
    case 'signature_delta':
      return { type: 'signature_delta', signature: text('signature') };
    default:
      return null;
  }
}

/** A stop reason the client knows, else null. */
export function wireStopReason(value: unknown): StopReason | null {
  return isStopReason(value) ? value : null;
}

function isStopReason(value: unknown): value is StopReason {
  return typeof value === 'string' && stopReasons.has(value);
}
