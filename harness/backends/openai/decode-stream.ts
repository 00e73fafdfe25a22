/**
 * OpenAI chat-completions SSE → Anthropic events (framing: shared/framed-decoder.ts; per chunk:
 * read-chunk.ts). `finish_reason` arrives before the usage-only chunk and llama-server's `timings`,
 * so the message is finished at `data: [DONE]` (or at the end of a stream that already had a finish
 * reason). An error in any of the servers' shapes ends the stream with an `error` event: `data:
 * {"error":{…}}` (llama-server, vLLM), `event: error`, and older llama.cpp's `error: {…}` line
 * followed by `data: [DONE]` — which must never read as a success.
 */

import { isRecord, tryParseJson } from '../../core/json.ts';
import type { MessagesRequest, StopReason, StreamErrorPayload } from '../../core/messages.ts';
import { quote } from '../../core/quote.ts';
import { AnthropicStreamBuilder } from '../shared/anthropic-stream-builder.ts';
import { decodeWith } from '../shared/decode-with.ts';
import { errorFromSseLine, readErrorBody } from '../shared/error-body.ts';
import { createFramedDecoder, type FrameHandler } from '../shared/framed-decoder.ts';
import type { DecodeOptions } from '../shared/ids.ts';
import { createSseSplitter, type SseItem, type SseStrayLine } from '../shared/sse-events.ts';
import { decoderError, notAStreamError, streamError } from '../shared/upstream-error.ts';
import type { StreamDecoder, UpstreamEvent } from '../types.ts';
import { type ChunkFacts, initialChunkFacts, readChunk } from './read-chunk.ts';
import { ToolCallAssembler } from './tool-call-assembler.ts';

/** Decodes an OpenAI-style stream; ends with `message_stop` or an `error` event, never throws on bad bytes. */
export function decodeOpenAiStream(
  body: AsyncIterable<Uint8Array>,
  request: MessagesRequest,
  options: DecodeOptions = {},
): AsyncIterable<UpstreamEvent> {
  return decodeWith(createOpenAiDecoder(request, options), body);
}

/** The same decoder, push-driven: the proxy feeds it each upstream read as it arrives. */
export function createOpenAiDecoder(request: MessagesRequest, options: DecodeOptions = {}): StreamDecoder {
  return createFramedDecoder(createSseSplitter(), openAiFrameHandler(request, options));
}

function openAiFrameHandler(request: MessagesRequest, options: DecodeOptions): FrameHandler<SseItem | SseStrayLine> {
  const builder = new AnthropicStreamBuilder({
    model: request.model,
    maxTokens: options.maxTokens ?? request.max_tokens,
    ...(options.ids ? { ids: options.ids } : {}),
  });
  const parts = { builder, calls: new ToolCallAssembler(builder), facts: initialChunkFacts() };
  const stray: string[] = [];
  let sawEvent = false;
  const fail = (out: UpstreamEvent[], error: StreamErrorPayload): true => {
    out.push(...builder.fail(error));
    return true;
  };
  return {
    frame(item, out) {
      if (item.kind === 'stray') {
        const legacy = errorFromSseLine(item.line);
        if (legacy !== null) return fail(out, streamError(legacy));
        stray.push(item.line);
        return false;
      }
      sawEvent = true;
      const data = item.value.data;
      if (data.trim() === '[DONE]') return finish(parts, out);
      const parsed = tryParseJson(data);
      if (!parsed.ok || !isRecord(parsed.value)) {
        const why = parsed.ok ? 'not an object' : parsed.error;
        return fail(out, decoderError('malformed_stream', `Upstream sent malformed SSE data (${why}): ${quote(data)}`));
      }
      if (item.value.event === 'error' || parsed.value.error !== undefined) {
        return fail(out, streamError(readErrorBody(data)));
      }
      const broken = readChunk(parsed.value, parts, out);
      return broken === null ? false : fail(out, broken);
    },
    end(out) {
      if (parts.facts.finishReason !== null) finish(parts, out);
      else if (!sawEvent && stray.length > 0) fail(out, notAStreamError(stray.join('\n')));
      else fail(out, truncated(parts.facts));
    },
  };
}

function finish(
  parts: { builder: AnthropicStreamBuilder; calls: ToolCallAssembler; facts: ChunkFacts },
  out: UpstreamEvent[],
): true {
  const { builder, calls, facts } = parts;
  out.push(...calls.flush());
  if (facts.timings !== null) out.push({ type: 'server_timings', timings: facts.timings });
  out.push(
    ...builder.finish(stopReason(facts.finishReason, calls.callCount > 0), {
      inputTokens: facts.inputTokens ?? facts.timings?.prefillTokens ?? null,
      outputTokens: facts.outputTokens ?? facts.timings?.decodeTokens ?? null,
    }),
  );
  return true;
}

// Ollama's OpenAI layer turns a mid-stream runner error into an empty chunk and closes the stream
// (middleware/openai.go ChatWriter: the {"error":…} line decodes as an empty ChatResponse).
function truncated(facts: ChunkFacts): StreamErrorPayload {
  const base = 'Upstream stream was truncated: it ended without a finish_reason or "data: [DONE]".';
  const cause = facts.ollama
    ? ' Ollama ends a stream this way when the model runner fails mid-answer (a runner crash, a tool-call parser error); the cause is in the Ollama server log (the `ollama serve` output, or ~/.ollama/logs/server.log).'
    : ' The server closed it mid-answer; the cause is in the server log.';
  return decoderError('stream_interrupted', base + cause);
}

function stopReason(finishReason: string | null, sawToolCall: boolean): StopReason {
  if (finishReason === 'length') return 'max_tokens';
  if (finishReason === 'content_filter') return 'refusal';
  if (finishReason === 'tool_calls' || finishReason === 'function_call') return 'tool_use';
  return sawToolCall ? 'tool_use' : 'end_turn';
}
