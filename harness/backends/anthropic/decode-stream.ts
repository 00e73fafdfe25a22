/**
 * Anthropic-compatible SSE → the same events, normalised: one `message_start` first, every block
 * started before its deltas and stopped before the next block or the message delta,
 * `message_delta` before `message_stop`, and the stream ends at `message_stop`. An upstream
 * `event: error` passes through (typed; a context overflow becomes "prompt is too long"); a
 * stream that ends without `message_stop` ends with an `error` event instead (llama-server does
 * that after a failed tool-call parse).
 */
import type { ContentDelta, MessagesRequest, ResponseBlock, StreamEvent } from '../../core/messages.ts';
import type { UpstreamEvent } from '../types.ts';
import { randomIds, type DecodeOptions } from '../shared/ids.ts';
import { isRecord, snippet, tryParseJson } from '../shared/json.ts';
import { llamaServerTimings } from '../shared/server-timings.ts';
import { sseItems } from '../shared/sse-events.ts';
import { streamError, upstreamErrorMessage } from '../shared/upstream-error.ts';

/** Decodes an Anthropic-compatible stream; ends with `message_stop` or an `error` event, never throws on bad bytes. */
export async function* decodeAnthropicStream(
  body: AsyncIterable<Uint8Array>,
  request: MessagesRequest,
  options: DecodeOptions = {},
): AsyncIterable<UpstreamEvent> {
  const ids = options.ids ?? randomIds;
  const open = new Set<number>();
  const seen = new Set<number>();
  let started = false;
  let sawMessageDelta = false;
  let sawEvent = false;
  const stray: string[] = [];

  const messageStart = (): StreamEvent[] => {
    if (started) return [];
    started = true;
    return [
      {
        type: 'message_start',
        message: {
          id: ids('msg_'),
          type: 'message',
          role: 'assistant',
          model: request.model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: 0, output_tokens: 0 },
        },
      },
    ];
  };
  const closeAll = (): StreamEvent[] => {
    const stops: StreamEvent[] = [...open].sort((a, b) => a - b).map((index) => ({ type: 'content_block_stop', index }));
    open.clear();
    return stops;
  };
  const fail = (message: string): UpstreamEvent => ({ type: 'error', error: { type: 'api_error', message } });

  try {
    for await (const item of sseItems(body)) {
      if (item.kind === 'stray') {
        stray.push(item.line);
        continue;
      }
      sawEvent = true;
      const parsed = tryParseJson(item.value.data);
      if (!parsed.ok || !isRecord(parsed.value)) {
        yield fail(`Upstream sent malformed SSE data (${parsed.ok ? 'not an object' : parsed.error}): ${snippet(item.value.data)}`);
        return;
      }
      const data = parsed.value;
      const type = typeof data['type'] === 'string' ? data['type'] : item.value.event;
      const timings = llamaServerTimings(data['timings']);
      if (timings !== null) yield { type: 'server_timings', timings };

      switch (type) {
        case 'ping':
          yield { type: 'ping' };
          break;
        case 'error': {
          const error = isRecord(data['error']) ? data['error'] : {};
          const message = typeof error['message'] === 'string' ? error['message'] : snippet(item.value.data);
          yield { type: 'error', error: streamError(message, typeof error['type'] === 'string' ? error['type'] : null) };
          return;
        }
        case 'message_start':
          if (!started && isRecord(data['message'])) {
            started = true;
            yield data as unknown as StreamEvent;
          }
          break;
        case 'content_block_start': {
          const index = data['index'];
          if (typeof index !== 'number' || !isRecord(data['content_block'])) {
            yield fail(`Upstream sent a malformed content_block_start: ${snippet(item.value.data)}`);
            return;
          }
          if (open.has(index)) break;
          yield* messageStart();
          yield* closeAll();
          open.add(index);
          seen.add(index);
          yield data as unknown as StreamEvent;
          break;
        }
        case 'content_block_delta': {
          const index = data['index'];
          const delta = data['delta'];
          if (typeof index !== 'number' || !isRecord(delta)) {
            yield fail(`Upstream sent a malformed content_block_delta: ${snippet(item.value.data)}`);
            return;
          }
          if (!open.has(index)) {
            if (seen.has(index)) break; // a late delta for a block already stopped
            yield* messageStart();
            yield* closeAll();
            open.add(index);
            seen.add(index);
            yield { type: 'content_block_start', index, content_block: blockFor(delta as ContentDelta, () => ids('toolu_')) };
          }
          yield data as unknown as StreamEvent;
          break;
        }
        case 'content_block_stop': {
          const index = data['index'];
          if (typeof index === 'number' && open.has(index)) {
            open.delete(index);
            yield { type: 'content_block_stop', index };
          }
          break;
        }
        case 'message_delta':
          yield* messageStart();
          yield* closeAll();
          sawMessageDelta = true;
          yield data as unknown as StreamEvent;
          break;
        case 'message_stop':
          yield* messageStart();
          yield* closeAll();
          if (!sawMessageDelta) {
            yield { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 0 } };
          }
          yield { type: 'message_stop' };
          return;
        default:
          break; // unknown event types are dropped
      }
    }
  } catch (error) {
    yield fail(`Upstream stream failed: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  if (!sawEvent && stray.length > 0) {
    const { message, upstreamType } = upstreamErrorMessage(stray.join('\n'));
    yield { type: 'error', error: streamError(`Upstream did not answer with an event stream: ${message}`, upstreamType) };
    return;
  }
  yield fail('Upstream stream was truncated: it ended without message_stop.');
}

function blockFor(delta: ContentDelta, newToolUseId: () => string): ResponseBlock {
  switch (delta.type) {
    case 'thinking_delta':
    case 'signature_delta':
      return { type: 'thinking', thinking: '' };
    case 'input_json_delta':
      return { type: 'tool_use', id: newToolUseId(), name: '', input: {} };
    default:
      return { type: 'text', text: '' };
  }
}
