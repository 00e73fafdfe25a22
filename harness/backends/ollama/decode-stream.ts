/**
 * Ollama `/api/chat` NDJSON → Anthropic events (framing: shared/framed-decoder.ts). Each line is
 * one JSON object; `message.thinking`, `message.content` and `message.tool_calls` (complete calls,
 * arguments as an object — Ollama never streams a call in pieces) are streamed pieces; the
 * `done:true` line carries `done_reason`, token counts and timings (ns); a `{"error":…}` line is a
 * mid-stream error (server/routes.go streamResponse).
 */

import { isRecord, numberField, tryParseJson } from '../../core/json.ts';
import type { MessagesRequest, StopReason } from '../../core/messages.ts';
import { quote } from '../../core/quote.ts';
import { AnthropicStreamBuilder } from '../shared/anthropic-stream-builder.ts';
import { decodeWith } from '../shared/decode-with.ts';
import { errorFromJson, readErrorBody } from '../shared/error-body.ts';
import { createFramedDecoder, type FrameHandler } from '../shared/framed-decoder.ts';
import type { DecodeOptions } from '../shared/ids.ts';
import { createNdjsonSplitter } from '../shared/ndjson-lines.ts';
import { ollamaServerTimings } from '../shared/server-timings.ts';
import { decoderError, streamError } from '../shared/upstream-error.ts';
import type { StreamDecoder, UpstreamEvent } from '../types.ts';

/** Decodes an Ollama chat stream; ends with `message_stop` or an `error` event, never throws on bad bytes. */
export function decodeOllamaStream(
  body: AsyncIterable<Uint8Array>,
  request: MessagesRequest,
  options: DecodeOptions = {},
): AsyncIterable<UpstreamEvent> {
  return decodeWith(createOllamaDecoder(request, options), body);
}

/** The same decoder, push-driven: the proxy feeds it each upstream read as it arrives. */
export function createOllamaDecoder(request: MessagesRequest, options: DecodeOptions = {}): StreamDecoder {
  return createFramedDecoder(createNdjsonSplitter(), ollamaLineHandler(request, options));
}

function ollamaLineHandler(request: MessagesRequest, options: DecodeOptions): FrameHandler<string> {
  const builder = new AnthropicStreamBuilder({
    model: request.model,
    maxTokens: options.maxTokens ?? request.max_tokens,
    ...(options.ids ? { ids: options.ids } : {}),
  });
  let sawToolCall = false;
  return {
    frame(line, out, last) {
      const parsed = tryParseJson(line);
      if (!parsed.ok || !isRecord(parsed.value)) {
        const why = parsed.ok ? 'not an object' : parsed.error;
        // A last line without its newline that does not parse was cut off, not garbled.
        const category = last && !parsed.ok ? 'stream_interrupted' : 'malformed_stream';
        out.push(...builder.fail(decoderError(category, `Upstream sent malformed NDJSON (${why}): ${quote(line)}`)));
        return true;
      }
      const chunk = parsed.value;
      if (chunk.error !== undefined) {
        out.push(...builder.fail(streamError(errorFromJson(chunk) ?? readErrorBody(line))));
        return true;
      }
      out.push(...builder.start());
      sawToolCall = readMessage(chunk.message, builder, out) || sawToolCall;
      if (chunk.done !== true) return false;
      out.push({ type: 'server_timings', timings: ollamaServerTimings(chunk) });
      out.push(
        ...builder.finish(stopReason(chunk.done_reason, sawToolCall), {
          inputTokens: numberField(chunk, 'prompt_eval_count'),
          outputTokens: numberField(chunk, 'eval_count'),
        }),
      );
      return true;
    },
    end(out) {
      const message = 'Upstream stream was truncated: Ollama closed it before the final "done" line.';
      out.push(...builder.fail(decoderError('stream_interrupted', message)));
    },
  };
}

// Returns true when the message carried a tool call.
function readMessage(value: unknown, builder: AnthropicStreamBuilder, out: UpstreamEvent[]): boolean {
  const message = isRecord(value) ? value : {};
  if (typeof message.thinking === 'string') out.push(...builder.thinking(message.thinking));
  if (typeof message.content === 'string') out.push(...builder.text(message.content));
  if (!Array.isArray(message.tool_calls)) return false;
  for (const call of message.tool_calls) {
    const fn = isRecord(call) && isRecord(call.function) ? call.function : {};
    const id = isRecord(call) && typeof call.id === 'string' && call.id !== '' ? call.id : builder.newToolUseId();
    out.push(...builder.toolStart(id, typeof fn.name === 'string' ? fn.name : ''));
    out.push(...builder.toolArgs(typeof fn.arguments === 'string' ? fn.arguments : JSON.stringify(fn.arguments ?? {})));
  }
  return message.tool_calls.length > 0;
}

function stopReason(doneReason: unknown, sawToolCall: boolean): StopReason {
  if (doneReason === 'length') return 'max_tokens';
  return sawToolCall ? 'tool_use' : 'end_turn';
}
