/**
 * Ollama `/api/chat` NDJSON → Anthropic events. Each line is one JSON object; `message.thinking`,
 * `message.content` and `message.tool_calls` (complete calls, arguments as an object) are
 * streamed pieces; the `done:true` line carries `done_reason`, token counts and timings (ns).
 */
import type { MessagesRequest, StopReason } from '../../core/messages.ts';
import { AnthropicStreamBuilder } from '../shared/anthropic-stream-builder.ts';
import type { DecodeOptions } from '../shared/ids.ts';
import { isRecord, numberField, snippet, tryParseJson } from '../shared/json.ts';
import { ndjsonLines } from '../shared/ndjson-lines.ts';
import { ollamaServerTimings } from '../shared/server-timings.ts';
import { messageFromJson, streamError } from '../shared/upstream-error.ts';
import type { UpstreamEvent } from '../types.ts';

/** Decodes an Ollama chat stream; ends with `message_stop` or an `error` event, never throws on bad bytes. */
export async function* decodeOllamaStream(
  body: AsyncIterable<Uint8Array>,
  request: MessagesRequest,
  options: DecodeOptions = {},
): AsyncIterable<UpstreamEvent> {
  const builder = new AnthropicStreamBuilder({ model: request.model, ...(options.ids ? { ids: options.ids } : {}) });
  let sawToolCall = false;
  try {
    for await (const line of ndjsonLines(body)) {
      const parsed = tryParseJson(line);
      if (!parsed.ok || !isRecord(parsed.value)) {
        yield* builder.fail(
          'api_error',
          `Upstream sent malformed NDJSON (${parsed.ok ? 'not an object' : parsed.error}): ${snippet(line)}`,
        );
        return;
      }
      const chunk = parsed.value;
      if (chunk.error !== undefined) {
        const found = messageFromJson(chunk);
        const error = streamError(found?.message ?? 'upstream reported an error', found?.upstreamType ?? null);
        yield* builder.fail(error.type, error.message);
        return;
      }
      yield* builder.start();
      const message = isRecord(chunk.message) ? chunk.message : {};
      if (typeof message.thinking === 'string') yield* builder.thinking(message.thinking);
      if (typeof message.content === 'string') yield* builder.text(message.content);
      if (Array.isArray(message.tool_calls)) {
        for (const call of message.tool_calls) {
          const fn = isRecord(call) && isRecord(call.function) ? call.function : {};
          const name = typeof fn.name === 'string' ? fn.name : '';
          const args = fn.arguments;
          const id = isRecord(call) && typeof call.id === 'string' && call.id !== '' ? call.id : builder.newToolUseId();
          sawToolCall = true;
          yield* builder.toolStart(id, name);
          yield* builder.toolArgs(typeof args === 'string' ? args : JSON.stringify(args ?? {}));
        }
      }
      if (chunk.done === true) {
        const timings = ollamaServerTimings(chunk);
        if (timings !== null) yield { type: 'server_timings', timings };
        yield* builder.finish(stopReason(chunk.done_reason, sawToolCall), {
          inputTokens: numberField(chunk, 'prompt_eval_count'),
          outputTokens: numberField(chunk, 'eval_count'),
        });
        return;
      }
    }
  } catch (error) {
    yield* builder.fail(
      'api_error',
      `Upstream stream failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    return;
  }
  yield* builder.fail('api_error', 'Upstream stream was truncated: Ollama closed it before the final "done" line.');
}

function stopReason(doneReason: unknown, sawToolCall: boolean): StopReason {
  if (doneReason === 'length') return 'max_tokens';
  return sawToolCall ? 'tool_use' : 'end_turn';
}
