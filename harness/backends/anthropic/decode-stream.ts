/**
 * Anthropic-compatible SSE → the same events, normalised (event-normaliser.ts; framing:
 * shared/framed-decoder.ts). The stream ends at `message_stop`. An error in any server's shape ends
 * it with an `error` event: Anthropic's `event: error` + `{"type":"error","error":{…}}`,
 * llama-server's `event: error` + `{"code","message","type":"server_error"}` (its data `type` is
 * not "error"), an `error: {…}` line; a stream that ends without `message_stop` ends with a
 * `stream_interrupted` error instead (llama-server after a failed tool-call parse; Ollama's
 * /v1/messages layer when its runner fails, middleware/anthropic.go).
 */

import { isRecord, tryParseJson } from '../../core/json.ts';
import type { MessagesRequest } from '../../core/messages.ts';
import { quote } from '../../core/quote.ts';
import { decodeWith } from '../shared/decode-with.ts';
import { errorFromSseLine, readErrorBody } from '../shared/error-body.ts';
import { createFramedDecoder, type FrameHandler } from '../shared/framed-decoder.ts';
import { type DecodeOptions, randomIds } from '../shared/ids.ts';
import { createSseSplitter, type SseItem, type SseStrayLine } from '../shared/sse-events.ts';
import { decoderError, notAStreamError, streamError } from '../shared/upstream-error.ts';
import type { StreamDecoder, UpstreamEvent } from '../types.ts';
import { AnthropicNormaliser } from './event-normaliser.ts';

const truncatedMessage =
  'Upstream stream was truncated: it ended without message_stop. The server closed it mid-answer; the cause is in the server log (Ollama: the `ollama serve` output or ~/.ollama/logs/server.log; llama-server: its console output).';

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
  const normaliser = new AnthropicNormaliser(
    request.model,
    options.maxTokens ?? request.max_tokens,
    options.ids ?? randomIds,
  );
  return createFramedDecoder(createSseSplitter(), anthropicFrameHandler(normaliser));
}

function anthropicFrameHandler(normaliser: AnthropicNormaliser): FrameHandler<SseItem | SseStrayLine> {
  const stray: string[] = [];
  let sawEvent = false;
  return {
    frame(item, out) {
      if (item.kind === 'stray') {
        const legacy = errorFromSseLine(item.line);
        if (legacy === null) stray.push(item.line);
        else out.push({ type: 'error', error: streamError(legacy) });
        return legacy !== null;
      }
      sawEvent = true;
      const parsed = tryParseJson(item.value.data);
      if (!parsed.ok || !isRecord(parsed.value)) {
        const why = parsed.ok ? 'not an object' : parsed.error;
        const message = `Upstream sent malformed SSE data (${why}): ${quote(item.value.data)}`;
        out.push({ type: 'error', error: decoderError('malformed_stream', message) });
        return true;
      }
      return decodeEvent(item.value.event, parsed.value, item.value.data, normaliser, out);
    },
    end(out) {
      const error = !sawEvent && stray.length > 0 ? notAStreamError(stray.join('\n')) : null;
      out.push({ type: 'error', error: error ?? decoderError('stream_interrupted', truncatedMessage) });
    },
  };
}

// Appends the events one SSE event produces; true at message_stop or an error.
function decodeEvent(
  event: string | undefined,
  data: Record<string, unknown>,
  raw: string,
  normaliser: AnthropicNormaliser,
  out: UpstreamEvent[],
): boolean {
  // The SSE event name first: llama-server's error data carries `type: "server_error"`.
  const type = event === 'error' ? 'error' : typeof data.type === 'string' ? data.type : event;
  normaliser.report(data);
  const index = typeof data.index === 'number' ? data.index : null;
  switch (type) {
    case 'ping':
      out.push({ type: 'ping' });
      return false;
    case 'error':
      out.push({ type: 'error', error: streamError(readErrorBody(raw)) });
      return true;
    case 'message_start':
      out.push(...normaliser.messageStart(data.message));
      return false;
    case 'content_block_start':
    case 'content_block_delta':
      if (index === null) return malformed(type, raw, out);
      out.push(
        ...(type === 'content_block_start'
          ? normaliser.blockStart(index, data.content_block)
          : normaliser.blockDelta(index, data.delta)),
      );
      return false;
    case 'content_block_stop':
      if (index !== null) out.push(...normaliser.blockStop(index));
      return false;
    case 'message_delta':
      out.push(...normaliser.messageDelta(data));
      return false;
    case 'message_stop':
      out.push(...normaliser.messageStop());
      return true;
    default:
      return false; // unknown event types are dropped
  }
}

function malformed(type: string, raw: string, out: UpstreamEvent[]): true {
  out.push({
    type: 'error',
    error: decoderError('malformed_stream', `Upstream sent a malformed ${type}: ${quote(raw)}`),
  });
  return true;
}
