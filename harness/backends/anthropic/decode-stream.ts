/**
 * Anthropic-compatible SSE → the same events, normalised: one `message_start` first, every block
 * started before its deltas and stopped before the next block or the message delta,
 * `message_delta` before `message_stop`, and the stream ends at `message_stop`. An upstream
 * `event: error` passes through (typed; a context overflow becomes "prompt is too long"); a
 * stream that ends without `message_stop` ends with an `error` event instead (llama-server does
 * that after a failed tool-call parse).
 */
import type { ContentDelta, MessagesRequest, ResponseBlock, StreamEvent } from '../../core/messages.ts';
import { decodeWith } from '../shared/decode-with.ts';
import { type DecodeOptions, randomIds } from '../shared/ids.ts';
import { isRecord, snippet, tryParseJson } from '../shared/json.ts';
import { llamaServerTimings } from '../shared/server-timings.ts';
import { createSseSplitter, type SseItem, type SseStrayLine } from '../shared/sse-events.ts';
import { streamError, upstreamErrorMessage } from '../shared/upstream-error.ts';
import type { StreamDecoder, UpstreamEvent } from '../types.ts';

/** Decodes an Anthropic-compatible stream; ends with `message_stop` or an `error` event, never throws on bad bytes. */
export function decodeAnthropicStream(
  body: AsyncIterable<Uint8Array>,
  request: MessagesRequest,
  options: DecodeOptions = {},
): AsyncIterable<UpstreamEvent> {
  return decodeWith(createAnthropicDecoder(request, options), body);
}

/** The same decoder, push-driven: the proxy feeds it each upstream read as it arrives. */
export function createAnthropicDecoder(request: MessagesRequest, options: DecodeOptions = {}): StreamDecoder {
  const ids = options.ids ?? randomIds;
  const splitter = createSseSplitter();
  const open = new Set<number>();
  const seen = new Set<number>();
  let started = false;
  let sawMessageDelta = false;
  let sawEvent = false;
  let done = false;
  const stray: string[] = [];

  const messageStart = (out: UpstreamEvent[]): void => {
    if (started) return;
    started = true;
    out.push({
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
    });
  };
  const closeAll = (out: UpstreamEvent[]): void => {
    if (open.size === 0) return;
    for (const index of [...open].sort((a, b) => a - b)) out.push({ type: 'content_block_stop', index });
    open.clear();
  };
  const fail = (out: UpstreamEvent[], message: string): void => {
    out.push({ type: 'error', error: { type: 'api_error', message } });
    done = true;
  };

  // Appends the events one SSE event produces; sets `done` at message_stop or an error.
  const decodeItem = (item: SseItem | SseStrayLine, out: UpstreamEvent[]): void => {
    if (item.kind === 'stray') {
      stray.push(item.line);
      return;
    }
    sawEvent = true;
    const parsed = tryParseJson(item.value.data);
    if (!parsed.ok || !isRecord(parsed.value)) {
      fail(
        out,
        `Upstream sent malformed SSE data (${parsed.ok ? 'not an object' : parsed.error}): ${snippet(item.value.data)}`,
      );
      return;
    }
    const data = parsed.value;
    const type = typeof data.type === 'string' ? data.type : item.value.event;
    const timings = llamaServerTimings(data.timings);
    if (timings !== null) out.push({ type: 'server_timings', timings });

    switch (type) {
      case 'ping':
        out.push({ type: 'ping' });
        return;
      case 'error': {
        const error = isRecord(data.error) ? data.error : {};
        const message = typeof error.message === 'string' ? error.message : snippet(item.value.data);
        out.push({
          type: 'error',
          error: streamError(message, typeof error.type === 'string' ? error.type : null),
        });
        done = true;
        return;
      }
      case 'message_start':
        if (!started && isRecord(data.message)) {
          started = true;
          out.push(data as unknown as StreamEvent);
        }
        return;
      case 'content_block_start': {
        const index = data.index;
        if (typeof index !== 'number' || !isRecord(data.content_block)) {
          fail(out, `Upstream sent a malformed content_block_start: ${snippet(item.value.data)}`);
          return;
        }
        if (open.has(index)) return;
        messageStart(out);
        closeAll(out);
        open.add(index);
        seen.add(index);
        out.push(data as unknown as StreamEvent);
        return;
      }
      case 'content_block_delta': {
        const index = data.index;
        const delta = data.delta;
        if (typeof index !== 'number' || !isRecord(delta)) {
          fail(out, `Upstream sent a malformed content_block_delta: ${snippet(item.value.data)}`);
          return;
        }
        if (!open.has(index)) {
          if (seen.has(index)) return; // a late delta for a block already stopped
          messageStart(out);
          closeAll(out);
          open.add(index);
          seen.add(index);
          out.push({
            type: 'content_block_start',
            index,
            content_block: blockFor(delta as ContentDelta, () => ids('toolu_')),
          });
        }
        out.push(data as unknown as StreamEvent);
        return;
      }
      case 'content_block_stop': {
        const index = data.index;
        if (typeof index === 'number' && open.has(index)) {
          open.delete(index);
          out.push({ type: 'content_block_stop', index });
        }
        return;
      }
      case 'message_delta':
        messageStart(out);
        closeAll(out);
        sawMessageDelta = true;
        out.push(data as unknown as StreamEvent);
        return;
      case 'message_stop':
        messageStart(out);
        closeAll(out);
        if (!sawMessageDelta) {
          out.push({
            type: 'message_delta',
            delta: { stop_reason: 'end_turn', stop_sequence: null },
            usage: { output_tokens: 0 },
          });
        }
        out.push({ type: 'message_stop' });
        done = true;
        return;
      default:
        return; // unknown event types are dropped
    }
  };
  const decodeItems = (items: ReadonlyArray<SseItem | SseStrayLine>, out: UpstreamEvent[]): void => {
    for (const item of items) {
      decodeItem(item, out);
      if (done) return;
    }
  };

  return {
    get done() {
      return done;
    },
    push(chunk) {
      const out: UpstreamEvent[] = [];
      if (!done) decodeItems(splitter.feed(chunk), out);
      return out;
    },
    end(error) {
      const out: UpstreamEvent[] = [];
      if (done) return out;
      if (error !== undefined) {
        fail(out, `Upstream stream failed: ${error instanceof Error ? error.message : String(error)}`);
        return out;
      }
      decodeItems(splitter.end(), out);
      if (done) return out;
      if (!sawEvent && stray.length > 0) {
        const { message, upstreamType } = upstreamErrorMessage(stray.join('\n'));
        out.push({
          type: 'error',
          error: streamError(`Upstream did not answer with an event stream: ${message}`, upstreamType),
        });
        done = true;
        return out;
      }
      fail(out, 'Upstream stream was truncated: it ended without message_stop.');
      return out;
    },
  };
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
