import { describe, expect, it } from 'vitest';
import type { MessagesRequest } from '../../core/messages.ts';
import { chunkedBody } from '../test-kit/chunked-body.ts';
import { collectEvents } from '../test-kit/collect-events.ts';
import { expectEvent as e } from '../test-kit/event-factories.ts';
import { readBackendFixture } from '../test-kit/read-fixture.ts';
import { sequentialIds } from '../test-kit/sequential-ids.ts';
import type { UpstreamEvent } from '../types.ts';
import { decodeOllamaStream } from './decode-stream.ts';

const request: MessagesRequest = { model: 'qwen3:8b', max_tokens: 1024, messages: [{ role: 'user', content: 'x' }] };
// The fixtures that stop at the output budget were recorded with these max_tokens (num_predict).
const maxTokensByFixture: Record<string, number> = { 'max-tokens.ndjson': 8 };
const requestFor = (file: string): MessagesRequest => ({ ...request, max_tokens: maxTokensByFixture[file] ?? 1024 });
// Ollama's prompt_eval_count includes cache hits; it never reports the cached count.
const ollama = { cachedPromptTokens: null, prefillScope: 'includes_cache_hits' } as const;
const splits = [1, 3, 7, 64, Number.POSITIVE_INFINITY];

async function decode(file: string, chunkSize: number): Promise<UpstreamEvent[]> {
  const bytes = await readBackendFixture('ollama', file);
  return collectEvents(decodeOllamaStream(chunkedBody(bytes, chunkSize), requestFor(file), { ids: sequentialIds() }));
}

const start = e.messageStart('msg_1', 'qwen3:8b');

const expected: Record<string, UpstreamEvent[]> = {
  'plain-text.ndjson': [
    start,
    e.textStart(0),
    e.text(0, 'Hello'),
    e.text(0, ', wörld'),
    e.text(0, ' — 日本!'),
    e.serverTimings({
      decodeTokens: 4,
      decodeMs: 99.87,
      prefillTokens: 26,
      prefillMs: 130.079,
      loadMs: 20.125,
      ...ollama,
    }),
    e.stop(0),
    e.messageDelta('end_turn', { output_tokens: 4, input_tokens: 26 }),
    e.messageStop(),
  ],
  'thinking-then-text.ndjson': [
    start,
    e.thinkingStart(0),
    e.thinking(0, 'The user wants'),
    e.thinking(0, ' a function.'),
    e.stop(0),
    e.textStart(1),
    e.text(1, 'def add(a, b):'),
    e.text(1, '\n    return a + b'),
    e.serverTimings({ decodeTokens: 12, decodeMs: 300, prefillTokens: 40, prefillMs: 200, loadMs: 1.5, ...ollama }),
    e.stop(1),
    e.messageDelta('end_turn', { output_tokens: 12, input_tokens: 40 }),
    e.messageStop(),
  ],
  'one-tool-call.ndjson': [
    start,
    e.textStart(0),
    e.text(0, "I'll write the file."),
    e.stop(0),
    e.toolStart(1, 'toolu_1', 'Write'),
    e.args(1, '{"file_path":"/work/app.py","content":"print(\\"hi\\")\\n"}'),
    e.serverTimings({ decodeTokens: 41, decodeMs: 900, prefillTokens: 13950, prefillMs: 8000, loadMs: 2, ...ollama }),
    e.stop(1),
    e.messageDelta('tool_use', { output_tokens: 41, input_tokens: 13950 }),
    e.messageStop(),
  ],
  'two-tool-calls.ndjson': [
    start,
    e.toolStart(0, 'call_a1', 'Read'),
    e.args(0, '{"file_path":"/work/app.py"}'),
    e.stop(0),
    e.toolStart(1, 'toolu_1', 'Bash'),
    e.args(1, '{"command":"pytest -q","timeout":60000}'),
    e.serverTimings({ decodeTokens: 30, decodeMs: 600, prefillTokens: 500, prefillMs: 100, loadMs: 1, ...ollama }),
    e.stop(1),
    e.messageDelta('tool_use', { output_tokens: 30, input_tokens: 500 }),
    e.messageStop(),
  ],
  'max-tokens.ndjson': [
    start,
    e.textStart(0),
    e.text(0, 'def long_function('),
    e.serverTimings({ decodeTokens: 8, decodeMs: 30, prefillTokens: 20, prefillMs: 10, loadMs: 1, ...ollama }),
    e.stop(0),
    e.messageDelta(
      'max_tokens',
      { output_tokens: 8, input_tokens: 20 },
      { kind: 'output_limit', outputTokens: 8, maxTokens: 8 },
    ),
    e.messageStop(),
  ],
  // done_reason "length" at 95 of 1024 tokens: the context ran out, not the output budget.
  'context-exhausted.ndjson': [
    start,
    e.textStart(0),
    e.text(0, 'def lru('),
    e.serverTimings({ decodeTokens: 95, decodeMs: 1900, prefillTokens: 4000, prefillMs: 150, loadMs: 0, ...ollama }),
    e.stop(0),
    e.messageDelta(
      'max_tokens',
      { output_tokens: 95, input_tokens: 4000 },
      { kind: 'context_exhausted', outputTokens: 95, maxTokens: 1024, promptTokens: 4000 },
    ),
    e.messageStop(),
  ],
  'error-mid-stream.ndjson': [
    start,
    e.textStart(0),
    e.text(0, 'Let me'),
    e.error('api_error', 'an error was encountered while running the model: unexpected EOF', 'server'),
  ],
  // The last line is cut off mid-JSON: an interrupted stream, not garbled bytes.
  'truncated.ndjson': [
    start,
    e.textStart(0),
    e.text(0, 'Partial'),
    e.error('api_error', expect.stringMatching(/^Upstream sent malformed NDJSON/), 'stream_interrupted'),
  ],
  'malformed.ndjson': [
    start,
    e.textStart(0),
    e.text(0, 'ok'),
    e.error('api_error', expect.stringMatching(/^Upstream sent malformed NDJSON.*<html>/), 'malformed_stream'),
  ],
};

describe('decodeOllamaStream', () => {
  const cases = Object.keys(expected).flatMap((file) => splits.map((size) => [file, size] as const));
  it.each(cases)('decodes %s into the exact Anthropic event sequence (%d-byte chunks)', async (file, size) => {
    expect(await decode(file, size)).toEqual(expected[file]);
  });

  it('reports a stream that stops before the done line as truncated', async () => {
    const body = '{"model":"m","message":{"role":"assistant","content":"Hi"},"done":false}\n';
    const events = await collectEvents(decodeOllamaStream(chunkedBody(body), request, { ids: sequentialIds() }));
    expect(events.at(-1)).toEqual(
      e.error(
        'api_error',
        'Upstream stream was truncated: Ollama closed it before the final "done" line.',
        'stream_interrupted',
      ),
    );
  });

  it('turns a mid-stream context overflow into "prompt is too long"', async () => {
    const body = '{"error":"the input length exceeds the context length"}\n';
    const events = await collectEvents(decodeOllamaStream(chunkedBody(body), request));
    expect(events).toEqual([
      e.error(
        'invalid_request_error',
        'prompt is too long: the input length exceeds the context length',
        'prompt_too_long',
      ),
    ]);
  });

  it('ends with an error event when the body itself fails', async () => {
    async function* failing(): AsyncIterable<Uint8Array> {
      yield new TextEncoder().encode('{"message":{"content":"a"},"done":false}\n');
      throw new Error('socket hang up');
    }
    const events = await collectEvents(decodeOllamaStream(failing(), request, { ids: sequentialIds() }));
    expect(events.at(-1)).toEqual(e.error('api_error', 'Upstream stream failed: socket hang up', 'stream_interrupted'));
  });
});
