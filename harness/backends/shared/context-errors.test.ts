import { describe, expect, it } from 'vitest';
import { type ContextError, classifyContextError } from './context-errors.ts';

const read = (message: string, upstreamType: string | null = null) => classifyContextError({ message, upstreamType });

describe('classifyContextError', () => {
  // The servers' own wordings (fixtures/backends/README.md names where each comes from).
  it.each<[string, string, ContextError]>([
    [
      'vLLM ≥ 0.11, output budget',
      "This model's maximum context length is 32768 tokens. However, you requested 8192 output tokens and your prompt contains at least 24577 input tokens, for a total of at least 32769 tokens.",
      { category: 'output_budget', promptTokens: 24577, outputTokens: 8192, contextTokens: 32768 },
    ],
    [
      'vLLM ≥ 0.11, nothing left for output',
      "This model's maximum context length is 40960 tokens. However, you requested 0 output tokens and your prompt contains at least 40961 input tokens, for a total of at least 40961 tokens.",
      { category: 'prompt_too_long', promptTokens: 40961, contextTokens: 40960 },
    ],
    [
      'vLLM, counted in characters before tokenizing',
      "This model's maximum context length is 131072 tokens. However, you requested 131072 output tokens and your prompt contains 14233 characters (more than 0 characters, which is the upper bound for 0 input tokens).",
      { category: 'output_budget', promptTokens: 1, outputTokens: 131072, contextTokens: 131072 },
    ],
    [
      'vLLM 0.9–0.10',
      "'max_tokens' or 'max_completion_tokens' is too large: 8192. This model's maximum context length is 32768 tokens and your request has 24577 input tokens (8192 > 32768 - 24577).",
      { category: 'output_budget', promptTokens: 24577, outputTokens: 8192, contextTokens: 32768 },
    ],
    [
      'vLLM 0.9–0.10 with a prompt over the window',
      "'max_tokens' or 'max_completion_tokens' is too large: 100. This model's maximum context length is 4096 tokens and your request has 5000 input tokens (100 > 4096 - 5000).",
      { category: 'prompt_too_long', promptTokens: 5000, contextTokens: 4096 },
    ],
    [
      'vLLM ≤ 0.8',
      "This model's maximum context length is 16384 tokens. However, you requested 122946 tokens (112946 in the messages, 10000 in the completion).",
      { category: 'prompt_too_long', promptTokens: 112946, contextTokens: 16384 },
    ],
    [
      'vLLM engine',
      'The decoder prompt (length 12324) is longer than the maximum model length of 8192.',
      { category: 'prompt_too_long', promptTokens: 12324, contextTokens: 8192 },
    ],
    [
      'llama-server',
      'request (628 tokens) exceeds the available context size (256 tokens), try increasing it',
      { category: 'prompt_too_long', promptTokens: 628, contextTokens: 256 },
    ],
    [
      'older llama.cpp',
      'the request exceeds the available context size. try increasing the context size or enable context shift',
      { category: 'prompt_too_long', promptTokens: null, contextTokens: null },
    ],
    [
      'Ollama native runner',
      'the input length exceeds the context length',
      { category: 'prompt_too_long', promptTokens: null, contextTokens: null },
    ],
    [
      "Anthropic's output-budget wording",
      'input length and `max_tokens` exceed context limit: 24577 + 32000 > 32768, decrease input length or `max_tokens` and try again',
      { category: 'output_budget', promptTokens: 24577, outputTokens: 32000, contextTokens: 32768 },
    ],
    [
      "Anthropic's prompt wording, thousands separators",
      'prompt is too long: 208,310 tokens > 200,000 maximum',
      { category: 'prompt_too_long', promptTokens: 208310, contextTokens: 200000 },
    ],
    ['llama-server, context full while generating', 'context shift is disabled', { category: 'context_exhausted' }],
  ])('reads %s', (_name, message, expected) => {
    expect(read(message)).toEqual(expected);
  });

  it("uses llama-server's n_prompt_tokens and n_ctx fields when the message has no numbers", () => {
    expect(
      classifyContextError({
        message: 'the request exceeds the available context size, try increasing it',
        upstreamType: 'exceed_context_size_error',
        promptTokens: 628,
        contextTokens: 256,
      }),
    ).toEqual({ category: 'prompt_too_long', promptTokens: 628, contextTokens: 256 });
  });

  it.each(['model "qwen9" not found', 'tools param requires --jinja flag', 'Overloaded', 'invalid options'])(
    'leaves "%s" alone',
    (message) => {
      expect(read(message)).toBeNull();
    },
  );
});
