import { describe, expect, it } from 'vitest';
import type { MessagesRequest } from '../../core/messages.ts';
import { chunkedBody } from '../shared/chunked-body.ts';
import { collectEvents } from '../shared/collect-events.ts';
import { expectEvent as e } from '../shared/event-factories.ts';
import { sequentialIds } from '../shared/ids.ts';
import { readBackendFixture } from '../shared/read-fixture.ts';
import type { UpstreamEvent } from '../types.ts';
import { createAnthropicDecoder, decodeAnthropicStream } from './decode-stream.ts';

const request: MessagesRequest = { model: 'qwen3:8b', max_tokens: 1024, messages: [{ role: 'user', content: 'x' }] };
const splits = [1, 3, 7, 64, Number.POSITIVE_INFINITY];
const upstreamStart = e.messageStart('msg_up1', 'qwen3:8b', 26);

async function decode(file: string, chunkSize = Number.POSITIVE_INFINITY): Promise<UpstreamEvent[]> {
  const bytes = await readBackendFixture('anthropic', file);
  return collectEvents(decodeAnthropicStream(chunkedBody(bytes, chunkSize), request, { ids: sequentialIds() }));
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
    e.messageDelta('max_tokens', { output_tokens: 8 }),
    e.messageStop(),
  ],
  'error-mid-stream.sse': [
    upstreamStart,
    e.textStart(0),
    e.text(0, 'Let me'),
    e.error('overloaded_error', 'Overloaded'),
  ],
  'context-overflow-error.sse': [
    e.error(
      'invalid_request_error',
      'prompt is too long: the request exceeds the available context size, try increasing it',
    ),
  ],
  'truncated.sse': [
    upstreamStart,
    e.textStart(0),
    e.text(0, 'Partial'),
    e.error('api_error', 'Upstream stream was truncated: it ended without message_stop.'),
  ],
  'malformed.sse': [
    upstreamStart,
    e.error('api_error', expect.stringMatching(/^Upstream sent malformed SSE data/) as unknown as string),
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
  // Recorded from a real llama-server: message_start carries cache_read_input_tokens, which passes through.
  'llama-server-recorded.sse': [
    {
      type: 'message_start',
      message: {
        id: 'chatcmpl-OdmsCsUOVuOTMzt9ZKSFSWGpbAXPQNan',
        type: 'message',
        role: 'assistant',
        content: [],
        model: '/models/llama-2-tiny-random.gguf',
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
    e.messageStop(),
  ],
  'not-sse-json-error.sse': [
    e.error('not_found_error', "Upstream did not answer with an event stream: model 'qwen9' not found"),
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

  it('passes through llama-server timings found on an event', async () => {
    const body =
      'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":5},"timings":{"prompt_n":10,"prompt_ms":20.5,"predicted_n":5,"predicted_ms":50}}\n\n' +
      'event: message_stop\ndata: {"type":"message_stop"}\n\n';
    const events = await collectEvents(decodeAnthropicStream(chunkedBody(body), request, { ids: sequentialIds() }));
    expect(events[0]).toEqual(
      e.serverTimings({ decodeTokens: 5, decodeMs: 50, prefillTokens: 10, prefillMs: 20.5, loadMs: null }),
    );
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
      const decoder = createAnthropicDecoder(request, { ids: sequentialIds() });
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
    expect(decoder.push(bytes(start))).toEqual([e.messageStart('m', 'x', 1)]);
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
    ['the body ends without message_stop', undefined, 'Upstream stream was truncated: it ended without message_stop.'],
    ['the body fails', new Error('socket hang up'), 'Upstream stream failed: socket hang up'],
  ])('ends with an error event when %s', (_name, error, message) => {
    const decoder = createAnthropicDecoder(request, { ids: sequentialIds() });
    decoder.push(bytes(start + delta));
    expect(decoder.end(error)).toEqual([{ type: 'error', error: { type: 'api_error', message } }]);
    expect(decoder.done).toBe(true);
  });
});
