import { describe, expect, it } from 'vitest';
import { causeOfApiError } from './infra-cause.ts';

describe('causeOfApiError', () => {
  it.each([
    ['prompt is too long: 40000 tokens > 32768 maximum', 'context_too_small'],
    ['the input length exceeds the context length', 'context_too_small'],
    [
      "This model's maximum context length is 32768 tokens. However, you requested 8192 output tokens and your prompt contains at least 24577 input tokens",
      'output_budget',
    ],
    ['"qwen2.5-coder:1.5b" does not support thinking', 'model_capability'],
    ['registry.ollama.ai/library/deepseek-r1:7b does not support tools', 'model_capability'],
    ['Backend unreachable at http://127.0.0.1:9 (ECONNREFUSED)', 'backend_unreachable'],
    ['upstream stream ended without message_stop', 'stream_interrupted'],
    ['socket hang up', 'stream_interrupted'],
    ['model "x" not found, try pulling it first', 'backend_error'],
  ])('%s → %s', (message, cause) => {
    expect(causeOfApiError({ status: 400, type: 'invalid_request_error', message })).toBe(cause);
  });
});

describe('causeOfApiError with a category', () => {
  it.each([
    ['prompt_too_long', 'context_too_small'],
    ['output_budget', 'output_budget'],
    ['capability', 'model_capability'],
    ['malformed_stream', 'stream_interrupted'],
    ['overloaded', 'backend_error'],
  ] as const)('%s → %s, whatever the wording', (category, cause) => {
    expect(causeOfApiError({ status: 500, type: 'api_error', message: 'socket hang up', category })).toBe(cause);
  });
});
