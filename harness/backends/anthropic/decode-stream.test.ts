import { describe, expect, it } from 'vitest';
import type { MessagesRequest } from '../../core/messages.ts';
import { noServerTimings } from '../shared/server-timings.ts';
import { chunkedBody } from '../test-kit/chunked-body.ts';
import { collectEvents } from '../test-kit/collect-events.ts';
import { expectEvent as e } from '../test-kit/event-factories.ts';
import { readBackendFixture } from '../test-kit/read-fixture.ts';
import { sequentialIds } from '../test-kit/sequential-ids.ts';
import type { UpstreamEvent } from '../types.ts';
import { createAnthropicDecoder, decodeAnthropicStream } from './decode-stream.ts';

const request: MessagesRequest = { model: 'qwen3:8b', max_tokens: 1024, messages: [{ role: 'user', content: 'x' }] };
// The fixtures that stop at the output budget were recorded with these max_tokens.
const maxTokensByFixture: Record<string, number> = { 'max-tokens.sse': 8 };
const requestFor = (file: string): MessagesRequest => ({ ...request, max_tokens: maxTokensByFixture[file] ?? 1024 });
const splits = [1, 3, 7, 64, Number.POSITIVE_INFINITY];
const upstreamStart = e.messageStart('msg_up1', 'qwen3:8b', 26);
// llama-server's message_start (id and model replaced) with its cached prompt tokens.
const llamaStart = (inputTokens: number, cached: number): UpstreamEvent => {
  const start = e.messageStart('msg_1', 'qwen3:8b', inputTokens);
  if (start.type !== 'message_start') throw new Error('not a message_start');
  return {
    ...start,
    message: { ...start.message, usage: { ...start.message.usage, cache_read_input_tokens: cached } },
  };
};
const truncatedMessage =
  'Upstream stream was truncated: it ended without message_stop. The server closed it mid-answer; the cause is in the server log (Ollama: the `ollama serve` output or ~/.ollama/logs/server.log; llama-server: its console output).';

async function decode(file: string, chunkSize = Number.POSITIVE_INFINITY): Promise<UpstreamEvent[]> {
  const bytes = await readBackendFixture('anthropic', file);
  return collectEvents(
    decodeAnthropicStream(chunkedBody(bytes, chunkSize), requestFor(file), { ids: sequentialIds() }),
  );
}

const expected: Record<string, UpstreamEvent[]> = {
  'plain-text.sse': [
    upstreamStart,
    e.textStart(0),
    { type: 'ping' },
    e.text(0, 'Hello'),
    e.text(0, ', wörld'),
    e.text(0, ' — 日本!'),
    e.stop(0),
    e.messageDelta('end_turn', { output_tokens: 4 }),
    e.messageStop(),
  ],
  'thinking-then-text.sse': [
    upstreamStart,
    e.thinkingStart(0),
    e.thinking(0, 'The user wants'),
    e.thinking(0, ' a function.'),
    e.stop(0),
    e.textStart(1),
    e.text(1, 'def add(a, b):'),
    e.text(1, '\n    return a + b'),
    e.stop(1),
    e.messageDelta('end_turn', { output_tokens: 12 }),
    e.messageStop(),
  ],
  'one-tool-call.sse': [
    upstreamStart,
    e.toolStart(0, 'toolu_up1', 'Write'),
    e.args(0, ''),
    e.args(0, '{"file_path": "/work/app.py", '),
    e.args(0, '"content": "print(1)\\n"}'),
    e.stop(0),
    e.messageDelta('tool_use', { output_tokens: 41 }),
    e.messageStop(),
  ],
  'two-tool-calls.sse': [
    upstreamStart,
    e.textStart(0),
    e.text(0, 'Reading both.'),
    e.stop(0),
    e.toolStart(1, 'toolu_up1', 'Read'),
    e.args(1, '{"file_'),
    e.args(1, 'path": "/work/a.py"}'),
    e.stop(1),
    e.toolStart(2, 'toolu_up2', 'Read'),
    e.args(2, '{"file_path"'),
    e.args(2, ': "/work/b.py"}'),
    e.stop(2),
    e.messageDelta('tool_use', { output_tokens: 50 }),
    e.messageStop(),
  ],
  'max-tokens.sse': [
    upstreamStart,
    e.textStart(0),
    e.text(0, 'def long_function('),
    e.stop(0),
    e.messageDelta('max_tokens', { output_tokens: 8 }, { kind: 'output_limit', outputTokens: 8, maxTokens: 8 }),
    e.messageStop(),
  ],
  'error-mid-stream.sse': [
    upstreamStart,
    e.textStart(0),
    e.text(0, 'Let me'),
    e.error('overloaded_error', 'Overloaded', 'overloaded'),
  ],
  'context-overflow-error.sse': [
    e.error(
      'invalid_request_error',
      'prompt is too long: the request exceeds the available context size, try increasing it',
      'prompt_too_long',
    ),
  ],
  'truncated.sse': [
    upstreamStart,
    e.textStart(0),
    e.text(0, 'Partial'),
    e.error('api_error', truncatedMessage, 'stream_interrupted'),
  ],
  'malformed.sse': [
    upstreamStart,
    e.error('api_error', expect.stringMatching(/^Upstream sent malformed SSE data/), 'malformed_stream'),
  ],
  'missing-frames.sse': [
    e.messageStart('msg_1', 'qwen3:8b'),
    e.textStart(0),
    e.text(0, 'Hi'),
    e.stop(0),
    e.toolStart(1, 'toolu_1', ''),
    e.args(1, '{"command":"ls"}'),
    e.stop(1),
    e.messageDelta('end_turn', { output_tokens: 0 }),
    e.messageStop(),
  ],
  // Recorded from a real llama-server: its `chatcmpl-…` id and GGUF-path model id are replaced by an
  // Anthropic-style id and the request's model; cache_read_input_tokens passes through and is reported.
  'llama-server-recorded.sse': [
    {
      type: 'message_start',
      message: {
        id: 'msg_1',
        type: 'message',
        role: 'assistant',
        content: [],
        model: 'qwen3:8b',
        stop_reason: null,
        stop_sequence: null,
        usage: { cache_read_input_tokens: 28, input_tokens: 1, output_tokens: 0 },
      },
    },
    e.textStart(0),
    e.text(0, '!'),
    e.text(0, ' часть'),
    e.text(0, ' Eastern'),
    e.text(0, ' weiter'),
    e.stop(0),
    e.messageDelta('end_turn', { output_tokens: 5 }),
    e.serverTimings({ ...noServerTimings, cachedPromptTokens: 28 }),
    e.messageStop(),
  ],
  'not-sse-json-error.sse': [
    e.error('not_found_error', "Upstream did not answer with an event stream: model 'qwen9' not found", 'not_found'),
  ],
  // llama-server's `event: error` data is {"code","message","type":"server_error"}: an error, never dropped.
  'llama-server-error-event.sse': [
    llamaStart(950, 13000),
    e.textStart(0),
    e.text(0, 'Writing the file.'),
    e.error(
      'api_error',
      "Failed to parse tool call arguments as JSON: [json.exception.parse_error.101] parse error at line 1, column 30: syntax error while parsing object - unexpected end of input; expected '}'",
      'server',
    ),
  ],
  'llama-server-context-shift-error.sse': [
    llamaStart(4000, 0),
    e.textStart(0),
    e.text(0, 'class LRU'),
    e.error(
      'api_error',
      'the context window filled up during generation (upstream: context shift is disabled)',
      'context_exhausted',
    ),
  ],
  // stop_reason max_tokens with 95 of 1024 tokens: the context (3900 cached + 100 new) ran out.
  'llama-server-context-exhausted.sse': [
    llamaStart(100, 3900),
    e.textStart(0),
    e.text(0, 'def lru('),
    e.stop(0),
    e.messageDelta(
      'max_tokens',
      { output_tokens: 95 },
      { kind: 'context_exhausted', outputTokens: 95, maxTokens: 1024, promptTokens: 4000 },
    ),
    e.serverTimings({ ...noServerTimings, cachedPromptTokens: 3900 }),
    e.messageStop(),
  ],
  // Ollama's Anthropic layer closes without message_stop when its runner fails: never a success.
  'ollama-closed-without-stop.sse': [
    e.messageStart('msg_5f0c3a9e1b7d2c4e8a6f1b3d', 'qwen3:8b', 14210),
    e.textStart(0),
    e.text(0, 'Let me'),
    e.error('api_error', truncatedMessage, 'stream_interrupted'),
  ],
};

describe('decodeAnthropicStream', () => {
  const cases = Object.keys(expected).flatMap((file) => splits.map((size) => [file, size] as const));
  it.each(cases)('re-emits %s as a normalised event sequence (%d-byte chunks)', async (file, size) => {
    expect(await decode(file, size)).toEqual(expected[file]);
  });

  it('stops reading at message_stop and ignores what follows', async () => {
    const body =
      'event: message_start\ndata: {"type":"message_start","message":{"id":"m","type":"message","role":"assistant","model":"x","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":1,"output_tokens":0}}}\n\n' +
      'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":0}}\n\n' +
      'event: message_stop\ndata: {"type":"message_stop"}\n\n' +
      'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n';
    const events = await collectEvents(decodeAnthropicStream(chunkedBody(body), request));
    expect(events.map((event) => event.type)).toEqual(['message_start', 'message_delta', 'message_stop']);
  });

  it('reports llama-server timings found on any event once, before message_stop', async () => {
    const body =
      'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":5},"timings":{"prompt_n":10,"prompt_ms":20.5,"predicted_n":5,"predicted_ms":50}}\n\n' +
      'event: message_stop\ndata: {"type":"message_stop"}\n\n';
    const events = await collectEvents(decodeAnthropicStream(chunkedBody(body), request, { ids: sequentialIds() }));
    expect(events.slice(-2)).toEqual([
      e.serverTimings({
        decodeTokens: 5,
        decodeMs: 50,
        prefillTokens: 10,
        prefillMs: 20.5,
        loadMs: null,
        cachedPromptTokens: null,
        prefillScope: 'uncached',
      }),
      e.messageStop(),
    ]);
  });
});

describe('createAnthropicDecoder (push-driven)', () => {
  const frame = (type: string, data: unknown): string =>
    `event: ${type}\ndata: ${JSON.stringify({ type, ...(data as object) })}\n\n`;
  const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
  const start = frame('message_start', {
    message: {
      id: 'm',
      type: 'message',
      role: 'assistant',
      model: 'x',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 1, output_tokens: 0 },
    },
  });
  const delta = frame('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'Hi' } });

  it.each(Object.keys(expected).flatMap((file) => splits.map((size) => [file, size] as const)))(
    'yields exactly what decodeAnthropicStream yields for %s (%d-byte chunks)',
    async (file, size) => {
      const decoder = createAnthropicDecoder(requestFor(file), { ids: sequentialIds() });
      const events: UpstreamEvent[] = [];
      for await (const chunk of chunkedBody(await readBackendFixture('anthropic', file), size)) {
        if (decoder.done) break;
        events.push(...decoder.push(chunk));
      }
      events.push(...decoder.end());
      expect(events).toEqual(expected[file]);
    },
  );

  it('returns each event from the push that completes it, frame by frame', () => {
    const decoder = createAnthropicDecoder(request, { ids: sequentialIds() });
    // The upstream's id (not Anthropic-style) and model are replaced.
    expect(decoder.push(bytes(start))).toEqual([e.messageStart('msg_1', 'qwen3:8b', 1)]);
    expect(decoder.push(bytes(delta.slice(0, 30)))).toEqual([]);
    expect(decoder.push(bytes(delta.slice(30)))).toEqual([e.textStart(0), e.text(0, 'Hi')]);
    expect(decoder.done).toBe(false);
  });

  it('is done at message_stop and ignores later input and the end', () => {
    const decoder = createAnthropicDecoder(request, { ids: sequentialIds() });
    const events = decoder.push(bytes(start + delta + frame('message_stop', {}) + delta));
    expect(events.map((event) => event.type)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(decoder.done).toBe(true);
    expect(decoder.push(bytes(delta))).toEqual([]);
    expect(decoder.end()).toEqual([]);
  });

  it.each([
    ['the body ends without message_stop', undefined, truncatedMessage],
    ['the body fails', new Error('socket hang up'), 'Upstream stream failed: socket hang up'],
  ])('ends with an error event when %s', (_name, error, message) => {
    const decoder = createAnthropicDecoder(request, { ids: sequentialIds() });
    decoder.push(bytes(start + delta));
    expect(decoder.end(error)).toEqual([e.error('api_error', message, 'stream_interrupted')]);
    expect(decoder.done).toBe(true);
  });
});
