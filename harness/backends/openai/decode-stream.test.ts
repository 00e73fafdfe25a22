import { describe, expect, it } from 'vitest';
import type { MessagesRequest } from '../../core/messages.ts';
import { noServerTimings } from '../shared/server-timings.ts';
import { chunkedBody } from '../test-kit/chunked-body.ts';
import { collectEvents } from '../test-kit/collect-events.ts';
import { expectEvent as e } from '../test-kit/event-factories.ts';
import { readBackendFixture } from '../test-kit/read-fixture.ts';
import { sequentialIds } from '../test-kit/sequential-ids.ts';
import type { UpstreamEvent } from '../types.ts';
import { createOpenAiDecoder, decodeOpenAiStream } from './decode-stream.ts';
import { openAiDialect } from './openai-dialect.ts';

const request: MessagesRequest = { model: 'qwen3:8b', max_tokens: 1024, messages: [{ role: 'user', content: 'x' }] };
// The fixtures that stop at the output budget were recorded with these max_tokens.
const maxTokensByFixture: Record<string, number> = { 'max-tokens.sse': 8 };
const requestFor = (file: string): MessagesRequest => ({ ...request, max_tokens: maxTokensByFixture[file] ?? 1024 });
const splits = [1, 3, 7, 64, Number.POSITIVE_INFINITY];
const start = e.messageStart('msg_1', 'qwen3:8b');

async function decode(file: string, chunkSize = Number.POSITIVE_INFINITY): Promise<UpstreamEvent[]> {
  const bytes = await readBackendFixture('openai', file);
  return collectEvents(decodeOpenAiStream(chunkedBody(bytes, chunkSize), requestFor(file), { ids: sequentialIds() }));
}

const expected: Record<string, UpstreamEvent[]> = {
  'plain-text.sse': [
    start,
    e.textStart(0),
    e.text(0, 'Hello'),
    e.text(0, ', wörld'),
    e.text(0, ' — 日本!'),
    e.serverTimings({
      decodeTokens: 4,
      decodeMs: 99.8,
      statedDecodeTokensPerSec: 40.08016032064128,
      prefillTokens: 26,
      prefillMs: 130.5,
      loadMs: null,
      cachedPromptTokens: 0,
      prefillScope: 'uncached',
    }),
    e.stop(0),
    e.messageDelta('end_turn', { output_tokens: 4, input_tokens: 26 }),
    e.messageStop(),
  ],
  'thinking-then-text.sse': [
    start,
    e.thinkingStart(0),
    e.thinking(0, 'The user wants'),
    e.thinking(0, ' a function.'),
    e.stop(0),
    e.textStart(1),
    e.text(1, 'def add(a, b):'),
    e.text(1, '\n    return a + b'),
    e.stop(1),
    e.messageDelta('end_turn', { output_tokens: 12, input_tokens: 40 }),
    e.messageStop(),
  ],
  'reasoning-field-vllm.sse': [
    start,
    e.thinkingStart(0),
    e.thinking(0, 'Think.'),
    e.stop(0),
    e.textStart(1),
    e.text(1, 'Done.'),
    e.stop(1),
    e.messageDelta('end_turn', { output_tokens: 3, input_tokens: 10 }),
    e.messageStop(),
  ],
  'one-tool-call.sse': [
    start,
    e.toolStart(0, 'call_w1', 'Write'),
    e.args(0, '{"file_path": '),
    e.args(0, '"/work/app.py", "content": '),
    e.args(0, '"print(1)\\n"}'),
    e.stop(0),
    e.messageDelta('tool_use', { output_tokens: 41, input_tokens: 13950 }),
    e.messageStop(),
  ],
  'two-tool-calls-fragmented.sse': [
    start,
    e.textStart(0),
    e.text(0, 'Reading both.'),
    e.stop(0),
    e.toolStart(1, 'call_r1', 'Read'),
    e.args(1, '{"file_'),
    e.args(1, 'path": "/work/a.py"}'),
    e.stop(1),
    e.toolStart(2, 'call_r2', 'Read'),
    e.args(2, '{"file_path"'),
    e.args(2, ': "/work/b.py"}'),
    e.stop(2),
    e.messageDelta('tool_use', { output_tokens: 50, input_tokens: 300 }),
    e.messageStop(),
  ],
  'missing-index-and-id.sse': [
    start,
    e.toolStart(0, 'toolu_1', 'Bash'),
    e.args(0, '{"command":'),
    e.args(0, ' "ls"}'),
    e.stop(0),
    e.toolStart(1, 'call_x9', 'Read'),
    e.args(1, '{"file_path":'),
    e.args(1, ' "/a"}'),
    e.stop(1),
    e.toolStart(2, 'toolu_2', 'Bash'),
    e.args(2, '{"command": "pwd"}'),
    e.stop(2),
    e.messageDelta('tool_use', { output_tokens: 0 }),
    e.messageStop(),
  ],
  'complete-calls-stop.sse': [
    start,
    e.toolStart(0, 'call_1', 'Read'),
    e.args(0, '{"file_path":"/a"}'),
    e.stop(0),
    e.toolStart(1, 'call_2', 'Read'),
    e.args(1, '{"file_path":"/b"}'),
    e.stop(1),
    e.messageDelta('tool_use', { output_tokens: 20, input_tokens: 100 }),
    e.messageStop(),
  ],
  'max-tokens.sse': [
    start,
    e.textStart(0),
    e.text(0, 'def long_function('),
    e.stop(0),
    e.messageDelta(
      'max_tokens',
      { output_tokens: 8, input_tokens: 20 },
      { kind: 'output_limit', outputTokens: 8, maxTokens: 8 },
    ),
    e.messageStop(),
  ],
  'context-overflow-mid-stream.sse': [
    start,
    e.textStart(0),
    e.text(0, 'Let me'),
    e.error(
      'invalid_request_error',
      'prompt is too long: the request exceeds the available context size, try increasing it',
      'prompt_too_long',
    ),
  ],
  'error-event-mid-stream.sse': [
    start,
    e.textStart(0),
    e.text(0, 'Let me'),
    e.error('api_error', 'Failed to parse tool call arguments as JSON', 'server'),
  ],
  'truncated.sse': [
    start,
    e.textStart(0),
    e.text(0, 'Partial'),
    e.error(
      'api_error',
      'Upstream stream was truncated: it ended without a finish_reason or "data: [DONE]". The server closed it mid-answer; the cause is in the server log.',
      'stream_interrupted',
    ),
  ],
  'malformed.sse': [
    start,
    e.error('api_error', expect.stringMatching(/^Upstream sent malformed SSE data/), 'malformed_stream'),
  ],
  // Recorded from a real llama-server.
  'llama-server-recorded.sse': [
    start,
    e.textStart(0),
    e.text(0, '[$'),
    e.text(0, ' Context'),
    e.text(0, '間'),
    e.serverTimings({
      decodeTokens: 4,
      decodeMs: 4.498,
      statedDecodeTokensPerSec: 666.9630947087594,
      prefillTokens: 29,
      prefillMs: 2.778,
      loadMs: null,
      cachedPromptTokens: 0,
      prefillScope: 'uncached',
    }),
    e.stop(0),
    e.messageDelta('end_turn', { output_tokens: 4, input_tokens: 29 }),
    e.messageStop(),
  ],
  'not-sse-json-error.sse': [
    e.error('not_found_error', "Upstream did not answer with an event stream: model 'qwen9' not found", 'not_found'),
  ],
  // Ollama's OpenAI layer closes without a finish when its runner fails: never a success.
  'ollama-closed-without-finish.sse': [
    start,
    e.textStart(0),
    e.text(0, 'Let me'),
    e.text(0, ' read it.'),
    e.error(
      'api_error',
      'Upstream stream was truncated: it ended without a finish_reason or "data: [DONE]". Ollama ends a stream this way when the model runner fails mid-answer (a runner crash, a tool-call parser error); the cause is in the Ollama server log (the `ollama serve` output, or ~/.ollama/logs/server.log).',
      'stream_interrupted',
    ),
  ],
  // Older llama.cpp: an `error:` line, then [DONE], which must not finish the message.
  'llama-cpp-legacy-error-then-done.sse': [
    start,
    e.textStart(0),
    e.text(0, 'Let me'),
    e.error(
      'api_error',
      "Failed to parse tool call arguments as JSON: [json.exception.parse_error.101] parse error at line 1, column 30: syntax error while parsing object - unexpected end of input; expected '}'",
      'server',
    ),
  ],
  'llama-cpp-legacy-context-overflow.sse': [
    e.error(
      'invalid_request_error',
      'prompt is too long: the request exceeds the available context size. try increasing the context size or enable context shift',
      'prompt_too_long',
    ),
  ],
  // finish "length" short of max_tokens (1024): the context ran out, not the output budget.
  'llama-server-context-exhausted.sse': [
    start,
    e.textStart(0),
    e.text(0, 'def lru('),
    e.serverTimings({
      decodeTokens: 95,
      decodeMs: 1900.5,
      statedDecodeTokensPerSec: 49.99,
      prefillTokens: 100,
      prefillMs: 41.2,
      loadMs: null,
      cachedPromptTokens: 3900,
      prefillScope: 'uncached',
    }),
    e.stop(0),
    e.messageDelta(
      'max_tokens',
      { output_tokens: 95, input_tokens: 4000 },
      { kind: 'context_exhausted', outputTokens: 95, maxTokens: 1024, promptTokens: 4000 },
    ),
    e.messageStop(),
  ],
  'vllm-cached-usage.sse': [
    start,
    e.textStart(0),
    e.text(0, 'Done.'),
    e.serverTimings({ ...noServerTimings, cachedPromptTokens: 14080 }),
    e.stop(0),
    e.messageDelta('end_turn', { output_tokens: 2, input_tokens: 14200 }),
    e.messageStop(),
  ],
};

describe('decodeOpenAiStream', () => {
  const cases = Object.keys(expected).flatMap((file) => splits.map((size) => [file, size] as const));
  it.each(cases)('decodes %s into the exact Anthropic event sequence (%d-byte chunks)', async (file, size) => {
    expect(await decode(file, size)).toEqual(expected[file]);
  });

  it('finishes a stream that had a finish_reason but no [DONE]', async () => {
    const body = 'data: {"choices":[{"delta":{"content":"ok"},"finish_reason":"stop"}]}\n\n';
    const events = await collectEvents(decodeOpenAiStream(chunkedBody(body), request, { ids: sequentialIds() }));
    expect(events).toEqual([
      start,
      e.textStart(0),
      e.text(0, 'ok'),
      e.stop(0),
      e.messageDelta('end_turn', { output_tokens: 0 }),
      e.messageStop(),
    ]);
  });

  it('maps content_filter to a refusal', async () => {
    const body = 'data: {"choices":[{"delta":{},"finish_reason":"content_filter"}]}\n\ndata: [DONE]\n\n';
    const events = await collectEvents(decodeOpenAiStream(chunkedBody(body), request, { ids: sequentialIds() }));
    expect(events).toContainEqual(e.messageDelta('refusal', { output_tokens: 0 }));
  });

  it('reports tool arguments interleaved between two calls as an error instead of mixing them', async () => {
    const frag = (toolCalls: unknown) =>
      `data: ${JSON.stringify({ choices: [{ delta: { tool_calls: toolCalls }, finish_reason: null }] })}\n\n`;
    const body =
      frag([{ index: 0, id: 'a', function: { name: 'Read', arguments: '{' } }]) +
      frag([{ index: 1, id: 'b', function: { name: 'Bash', arguments: '{' } }]) +
      frag([{ index: 0, function: { arguments: '}' } }]);
    const events = await collectEvents(decodeOpenAiStream(chunkedBody(body), request, { ids: sequentialIds() }));
    expect(events.at(-1)).toEqual(
      e.error(
        'api_error',
        'Upstream interleaved the arguments of tool call a with a later call; the stream cannot be re-ordered.',
        'malformed_stream',
      ),
    );
  });

  it('starts a call whose name arrives only after its first argument fragment', async () => {
    const frag = (toolCalls: unknown) =>
      `data: ${JSON.stringify({ choices: [{ delta: { tool_calls: toolCalls }, finish_reason: null }] })}\n\n`;
    const body =
      frag([{ index: 0, function: { arguments: '{"a":' } }]) +
      frag([{ index: 0, function: { name: 'Edit', arguments: '1}' } }]) +
      'data: [DONE]\n\n';
    const events = await collectEvents(decodeOpenAiStream(chunkedBody(body), request, { ids: sequentialIds() }));
    expect(events).toEqual([
      start,
      e.toolStart(0, 'toolu_1', 'Edit'),
      e.args(0, '{"a":'),
      e.args(0, '1}'),
      e.stop(0),
      e.messageDelta('tool_use', { output_tokens: 0 }),
      e.messageStop(),
    ]);
  });
});

describe('createOpenAiDecoder (push-driven)', () => {
  const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
  const content = (text: string, finish: string | null = null): string =>
    `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: text }, finish_reason: finish }] })}\n\n`;

  it.each(Object.keys(expected).flatMap((file) => splits.map((size) => [file, size] as const)))(
    'yields exactly what decodeOpenAiStream yields for %s (%d-byte chunks)',
    async (file, size) => {
      const decoder = createOpenAiDecoder(requestFor(file), { ids: sequentialIds() });
      const events: UpstreamEvent[] = [];
      for await (const chunk of chunkedBody(await readBackendFixture('openai', file), size)) {
        if (decoder.done) break;
        events.push(...decoder.push(chunk));
      }
      events.push(...decoder.end());
      expect(events).toEqual(expected[file]);
    },
  );

  it('returns each token from the push that completes it, frame by frame', () => {
    const decoder = createOpenAiDecoder(request, { ids: sequentialIds() });
    const hi = content('Hi');
    expect(decoder.push(bytes(hi.slice(0, 20)))).toEqual([]);
    expect(decoder.push(bytes(hi.slice(20)))).toEqual([start, e.textStart(0), e.text(0, 'Hi')]);
    expect(decoder.push(bytes(content('!')))).toEqual([e.text(0, '!')]);
    expect(decoder.done).toBe(false);
  });

  it('finishes the message at [DONE] and ignores later input and the end', () => {
    const decoder = createOpenAiDecoder(request, { ids: sequentialIds() });
    decoder.push(bytes(content('ok', 'stop')));
    expect(decoder.push(bytes(`data: [DONE]\n\n${content('late')}`))).toEqual([
      e.stop(0),
      e.messageDelta('end_turn', { output_tokens: 0 }),
      e.messageStop(),
    ]);
    expect(decoder.done).toBe(true);
    expect(decoder.push(bytes(content('later')))).toEqual([]);
    expect(decoder.end()).toEqual([]);
  });

  it.each([
    [
      'the body ends without a finish reason',
      undefined,
      'Upstream stream was truncated: it ended without a finish_reason or "data: [DONE]". The server closed it mid-answer; the cause is in the server log.',
    ],
    ['the body fails', new Error('socket hang up'), 'Upstream stream failed: socket hang up'],
  ])('ends with an error event when %s', (_name, error, message) => {
    const decoder = createOpenAiDecoder(request, { ids: sequentialIds() });
    decoder.push(bytes(content('Hi')));
    expect(decoder.end(error).at(-1)).toEqual(e.error('api_error', message, 'stream_interrupted'));
    expect(decoder.done).toBe(true);
  });
});

describe('openAiDialect decoders', () => {
  it('judge a max_tokens stop against the max_tokens actually sent (after the settings cap)', async () => {
    const settings = { numCtx: 0, think: false, maxTokensCap: 8, modelOverride: null, stripFields: [] };
    const bytes = await readBackendFixture('openai', 'max-tokens.sse');
    const events = await collectEvents(openAiDialect.decodeStream(chunkedBody(bytes), request, settings));
    expect(events.find((event) => event.type === 'message_delta')).toMatchObject({
      stop_detail: { kind: 'output_limit', outputTokens: 8, maxTokens: 8 },
    });
    const uncapped = await collectEvents(openAiDialect.decodeStream(chunkedBody(bytes), request));
    expect(uncapped.find((event) => event.type === 'message_delta')).toMatchObject({
      stop_detail: { kind: 'context_exhausted', maxTokens: 1024 },
    });
  });
});
