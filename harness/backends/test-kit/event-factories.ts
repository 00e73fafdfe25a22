/**
 * Constructors for expected Anthropic events, so tests (here and in the proxy and sim) can spell
 * out an exact event sequence compactly.
 */
import type {
  ApiErrorCategory,
  ApiErrorType,
  ServerTimings,
  StopDetail,
  StopReason,
  StreamEvent,
  Usage,
} from '../../core/messages.ts';
import type { UpstreamEvent } from '../types.ts';

export const expectEvent = {
  messageStart(id: string, model: string, inputTokens = 0): StreamEvent {
    return {
      type: 'message_start',
      message: {
        id,
        type: 'message',
        role: 'assistant',
        model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: inputTokens, output_tokens: 0 },
      },
    };
  },
  textStart(index: number): StreamEvent {
    return { type: 'content_block_start', index, content_block: { type: 'text', text: '' } };
  },
  thinkingStart(index: number): StreamEvent {
    return { type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '' } };
  },
  toolStart(index: number, id: string, name: string): StreamEvent {
    return { type: 'content_block_start', index, content_block: { type: 'tool_use', id, name, input: {} } };
  },
  text(index: number, text: string): StreamEvent {
    return { type: 'content_block_delta', index, delta: { type: 'text_delta', text } };
  },
  thinking(index: number, thinking: string): StreamEvent {
    return { type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking } };
  },
  args(index: number, partialJson: string): StreamEvent {
    return { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: partialJson } };
  },
  stop(index: number): StreamEvent {
    return { type: 'content_block_stop', index };
  },
  messageDelta(
    stopReason: StopReason,
    usage: Partial<Usage> & { output_tokens: number },
    stopDetail?: StopDetail,
  ): StreamEvent {
    const event: StreamEvent = {
      type: 'message_delta',
      delta: { stop_reason: stopReason, stop_sequence: null },
      usage,
    };
    if (stopDetail !== undefined) event.stop_detail = stopDetail;
    return event;
  },
  messageStop(): StreamEvent {
    return { type: 'message_stop' };
  },
  error(type: ApiErrorType, message: string, category?: ApiErrorCategory): StreamEvent {
    return { type: 'error', error: category === undefined ? { type, message } : { type, message, category } };
  },
  serverTimings(timings: ServerTimings): UpstreamEvent {
    return { type: 'server_timings', timings };
  },
};
