/**
 * OpenAI chat-completions SSE → Anthropic events. `delta.content` is text, `delta.reasoning_content`
 * (llama-server, DeepSeek) or `delta.reasoning` (vLLM, Ollama) is thinking, `delta.tool_calls` are
 * fragments (see tool-call-assembler.ts). `finish_reason` arrives before the usage-only chunk and
 * llama-server's `timings`, so the message is finished at `data: [DONE]` (or at the end of a
 * stream that already had a finish reason).
 */
import type { MessagesRequest, ServerTimings, StopReason } from '../../core/messages.ts';
import type { UpstreamEvent } from '../types.ts';
import { AnthropicStreamBuilder } from '../shared/anthropic-stream-builder.ts';
import type { DecodeOptions } from '../shared/ids.ts';
import { isRecord, numberField, snippet, tryParseJson } from '../shared/json.ts';
import { llamaServerTimings } from '../shared/server-timings.ts';
import { sseItems } from '../shared/sse-events.ts';
import { messageFromJson, streamError, upstreamErrorMessage } from '../shared/upstream-error.ts';
import { ToolCallAssembler } from './tool-call-assembler.ts';

/** Decodes an OpenAI-style stream; ends with `message_stop` or an `error` event, never throws on bad bytes. */
export async function* decodeOpenAiStream(
  body: AsyncIterable<Uint8Array>,
  request: MessagesRequest,
  options: DecodeOptions = {},
): AsyncIterable<UpstreamEvent> {
  const builder = new AnthropicStreamBuilder({ model: request.model, ...(options.ids ? { ids: options.ids } : {}) });
  const calls = new ToolCallAssembler(builder);
  let finishReason: string | null = null;
  let inputTokens: number | null = null;
  let outputTokens: number | null = null;
  let timings: ServerTimings | null = null;
  let sawEvent = false;
  let sawDone = false;
  const stray: string[] = [];

  try {
    for await (const item of sseItems(body)) {
      if (item.kind === 'stray') {
        stray.push(item.line);
        continue;
      }
      sawEvent = true;
      const data = item.value.data;
      if (data.trim() === '[DONE]') {
        sawDone = true;
        break;
      }
      const parsed = tryParseJson(data);
      if (!parsed.ok || !isRecord(parsed.value)) {
        yield* builder.fail('api_error', `Upstream sent malformed SSE data (${parsed.ok ? 'not an object' : parsed.error}): ${snippet(data)}`);
        return;
      }
      const chunk = parsed.value;
      if (item.value.event === 'error' || chunk['error'] !== undefined) {
        const found = messageFromJson(chunk);
        const error = streamError(found?.message ?? snippet(data), found?.upstreamType ?? null);
        yield* builder.fail(error.type, error.message);
        return;
      }
      yield* builder.start();

      const choice = Array.isArray(chunk['choices']) && isRecord(chunk['choices'][0]) ? chunk['choices'][0] : null;
      const delta = choice !== null && isRecord(choice['delta']) ? choice['delta'] : {};
      const reasoning = typeof delta['reasoning_content'] === 'string' ? delta['reasoning_content'] : delta['reasoning'];
      if (typeof reasoning === 'string') yield* builder.thinking(reasoning);
      if (typeof delta['content'] === 'string') yield* builder.text(delta['content']);
      if (Array.isArray(delta['tool_calls'])) {
        for (const fragment of delta['tool_calls']) {
          const result = calls.add(fragment);
          if (!result.ok) {
            yield* builder.fail('api_error', result.message);
            return;
          }
          yield* result.events;
        }
      }
      if (choice !== null && typeof choice['finish_reason'] === 'string') finishReason = choice['finish_reason'];
      if (isRecord(chunk['usage'])) {
        inputTokens = numberField(chunk['usage'], 'prompt_tokens') ?? inputTokens;
        outputTokens = numberField(chunk['usage'], 'completion_tokens') ?? outputTokens;
      }
      timings = llamaServerTimings(chunk['timings']) ?? timings;
    }
  } catch (error) {
    yield* builder.fail('api_error', `Upstream stream failed: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }

  if (!sawDone && finishReason === null) {
    if (!sawEvent && stray.length > 0) {
      // Not SSE at all: most often a JSON error body sent with status 200.
      const { message, upstreamType } = upstreamErrorMessage(stray.join('\n'));
      const error = streamError(`Upstream did not answer with an event stream: ${message}`, upstreamType);
      yield* builder.fail(error.type, error.message);
      return;
    }
    yield* builder.fail('api_error', 'Upstream stream was truncated: it ended without a finish_reason or "data: [DONE]".');
    return;
  }
  yield* calls.flush();
  if (timings !== null) yield { type: 'server_timings', timings };
  yield* builder.finish(stopReason(finishReason, calls.callCount > 0), {
    inputTokens: inputTokens ?? timings?.prefillTokens ?? null,
    outputTokens: outputTokens ?? timings?.decodeTokens ?? null,
  });
}

function stopReason(finishReason: string | null, sawToolCall: boolean): StopReason {
  if (finishReason === 'length') return 'max_tokens';
  if (finishReason === 'content_filter') return 'refusal';
  if (finishReason === 'tool_calls' || finishReason === 'function_call') return 'tool_use';
  return sawToolCall ? 'tool_use' : 'end_turn';
}
