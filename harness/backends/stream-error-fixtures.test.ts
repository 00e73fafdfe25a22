import { describe, expect, it } from 'vitest';
import type { MessagesRequest } from '../core/messages.ts';
import { decodeAnthropicStream } from './anthropic/decode-stream.ts';
import { decodeOllamaStream } from './ollama/decode-stream.ts';
import { decodeOpenAiStream } from './openai/decode-stream.ts';
import { chunkedBody } from './test-kit/chunked-body.ts';
import { collectEvents } from './test-kit/collect-events.ts';
import { readBackendFixture } from './test-kit/read-fixture.ts';

const request: MessagesRequest = { model: 'qwen3:8b', max_tokens: 1024, messages: [{ role: 'user', content: 'x' }] };
const decoders = { anthropic: decodeAnthropicStream, openai: decodeOpenAiStream, ollama: decodeOllamaStream };

// Every recorded stream in which the server failed, in each server's own shape, with the category it must get.
const failures = [
  ['anthropic', 'llama-server-error-event.sse', 'server'],
  ['anthropic', 'llama-server-context-shift-error.sse', 'context_exhausted'],
  ['anthropic', 'ollama-closed-without-stop.sse', 'stream_interrupted'],
  ['anthropic', 'error-mid-stream.sse', 'overloaded'],
  ['anthropic', 'context-overflow-error.sse', 'prompt_too_long'],
  ['anthropic', 'truncated.sse', 'stream_interrupted'],
  ['anthropic', 'malformed.sse', 'malformed_stream'],
  ['anthropic', 'not-sse-json-error.sse', 'not_found'],
  ['openai', 'llama-cpp-legacy-error-then-done.sse', 'server'],
  ['openai', 'llama-cpp-legacy-context-overflow.sse', 'prompt_too_long'],
  ['openai', 'ollama-closed-without-finish.sse', 'stream_interrupted'],
  ['openai', 'error-event-mid-stream.sse', 'server'],
  ['openai', 'context-overflow-mid-stream.sse', 'prompt_too_long'],
  ['openai', 'truncated.sse', 'stream_interrupted'],
  ['openai', 'malformed.sse', 'malformed_stream'],
  ['openai', 'not-sse-json-error.sse', 'not_found'],
  ['ollama', 'error-mid-stream.ndjson', 'server'],
  ['ollama', 'truncated.ndjson', 'stream_interrupted'],
  ['ollama', 'malformed.ndjson', 'malformed_stream'],
] as const;

describe('recorded failed streams', () => {
  const cases = failures.flatMap((failure) =>
    [1, 5, Number.POSITIVE_INFINITY].map((size) => [...failure, size] as const),
  );
  it.each(cases)(
    '%s %s ends in an error (%s), never a completed message (%d-byte chunks)',
    async (dialect, file, category, size) => {
      const bytes = await readBackendFixture(dialect, file);
      const events = await collectEvents(decoders[dialect](chunkedBody(bytes, size), request));
      expect(events.filter((event) => event.type === 'message_stop' || event.type === 'message_delta')).toEqual([]);
      expect(events.filter((event) => event.type === 'error')).toHaveLength(1);
      const last = events.at(-1);
      expect(last?.type === 'error' ? last.error.category : last?.type).toBe(category);
    },
  );
});
