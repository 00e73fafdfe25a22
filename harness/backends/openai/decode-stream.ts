/**
 * OpenAI chat-completions SSE → Anthropic events. `delta.content` is text, `delta.reasoning_content`
 * (llama-server, DeepSeek) or `delta.reasoning` (vLLM, Ollama) is thinking, `delta.tool_calls` are
 * fragments (see tool-call-assembler.ts). `finish_reason` arrives before the usage-only chunk and
 * llama-server's `timings`, so the message is finished at `data: [DONE]` (or at the end of a
 * stream that already had a finish reason).
 */
import type { ApiErrorType, MessagesRequest, ServerTimings, StopReason } from '../../core/messages.ts';
import { AnthropicStreamBuilder } from '../shared/anthropic-stream-builder.ts';
import { decodeWith } from '../shared/decode-with.ts';
import type { DecodeOptions } from '../shared/ids.ts';
import { isRecord, numberField, snippet, tryParseJson } from '../shared/json.ts';
import { llamaServerTimings } from '../shared/server-timings.ts';
import { createSseSplitter, type SseItem, type SseStrayLine } from '../shared/sse-events.ts';
import { messageFromJson, streamError, upstreamErrorMessage } from '../shared/upstream-error.ts';
import type { StreamDecoder, UpstreamEvent } from '../types.ts';
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
  const builder = new AnthropicStreamBuilder({ model: request.model, ...(options.ids ? { ids: options.ids } : {}) });
  const calls = new ToolCallAssembler(builder);
  const splitter = createSseSplitter();
  let finishReason: string | null = null;
  let inputTokens: number | null = null;
  let outputTokens: number | null = null;
  let timings: ServerTimings | null = null;
  let sawEvent = false;
  let sawDone = false;
  // Input is over: [DONE] seen (the message is finished in end()), or a failure was returned.
  let stopped = false;
  let done = false;
  const stray: string[] = [];

  const fail = (out: UpstreamEvent[], type: ApiErrorType, message: string): void => {
    out.push(...builder.fail(type, message));
    stopped = true;
    done = true;
  };

  const decodeItem = (item: SseItem | SseStrayLine, out: UpstreamEvent[]): void => {
    if (item.kind === 'stray') {
      stray.push(item.line);
      return;
    }
    sawEvent = true;
    const data = item.value.data;
    if (data.trim() === '[DONE]') {
      sawDone = true;
      stopped = true;
      return;
    }
    const parsed = tryParseJson(data);
    if (!parsed.ok || !isRecord(parsed.value)) {
      fail(
        out,
        'api_error',
        `Upstream sent malformed SSE data (${parsed.ok ? 'not an object' : parsed.error}): ${snippet(data)}`,
      );
      return;
    }
    const chunk = parsed.value;
    if (item.value.event === 'error' || chunk.error !== undefined) {
      const found = messageFromJson(chunk);
      const error = streamError(found?.message ?? snippet(data), found?.upstreamType ?? null);
      fail(out, error.type, error.message);
      return;
    }
    out.push(...builder.start());

    const choice = Array.isArray(chunk.choices) && isRecord(chunk.choices[0]) ? chunk.choices[0] : null;
    const delta = choice !== null && isRecord(choice.delta) ? choice.delta : {};
    const reasoning = typeof delta.reasoning_content === 'string' ? delta.reasoning_content : delta.reasoning;
    if (typeof reasoning === 'string') out.push(...builder.thinking(reasoning));
    if (typeof delta.content === 'string') out.push(...builder.text(delta.content));
    if (Array.isArray(delta.tool_calls)) {
      for (const fragment of delta.tool_calls) {
        const result = calls.add(fragment);
        if (!result.ok) {
          fail(out, 'api_error', result.message);
          return;
        }
        out.push(...result.events);
      }
    }
    if (choice !== null && typeof choice.finish_reason === 'string') finishReason = choice.finish_reason;
    if (isRecord(chunk.usage)) {
      inputTokens = numberField(chunk.usage, 'prompt_tokens') ?? inputTokens;
      outputTokens = numberField(chunk.usage, 'completion_tokens') ?? outputTokens;
    }
    timings = llamaServerTimings(chunk.timings) ?? timings;
  };
  const decodeItems = (items: ReadonlyArray<SseItem | SseStrayLine>, out: UpstreamEvent[]): void => {
    for (const item of items) {
      decodeItem(item, out);
      if (stopped) return;
    }
  };
  const finish = (out: UpstreamEvent[]): void => {
    done = true;
    if (!sawDone && finishReason === null) {
      if (!sawEvent && stray.length > 0) {
        // Not SSE at all: most often a JSON error body sent with status 200.
        const { message, upstreamType } = upstreamErrorMessage(stray.join('\n'));
        const error = streamError(`Upstream did not answer with an event stream: ${message}`, upstreamType);
        out.push(...builder.fail(error.type, error.message));
        return;
      }
      out.push(
        ...builder.fail(
          'api_error',
          'Upstream stream was truncated: it ended without a finish_reason or "data: [DONE]".',
        ),
      );
      return;
    }
    out.push(...calls.flush());
    if (timings !== null) out.push({ type: 'server_timings', timings });
    out.push(
      ...builder.finish(stopReason(finishReason, calls.callCount > 0), {
        inputTokens: inputTokens ?? timings?.prefillTokens ?? null,
        outputTokens: outputTokens ?? timings?.decodeTokens ?? null,
      }),
    );
  };

  return {
    get done() {
      return done;
    },
    push(chunk) {
      const out: UpstreamEvent[] = [];
      if (stopped) return out;
      decodeItems(splitter.feed(chunk), out);
      // [DONE] finishes the message at once: nothing after it is read.
      if (sawDone && !done) finish(out);
      return out;
    },
    end(error) {
      const out: UpstreamEvent[] = [];
      if (done) return out;
      if (error !== undefined) {
        fail(out, 'api_error', `Upstream stream failed: ${error instanceof Error ? error.message : String(error)}`);
        return out;
      }
      if (!stopped) decodeItems(splitter.end(), out);
      if (!done) finish(out);
      return out;
    },
  };
}

function stopReason(finishReason: string | null, sawToolCall: boolean): StopReason {
  if (finishReason === 'length') return 'max_tokens';
  if (finishReason === 'content_filter') return 'refusal';
  if (finishReason === 'tool_calls' || finishReason === 'function_call') return 'tool_use';
  return sawToolCall ? 'tool_use' : 'end_turn';
}
