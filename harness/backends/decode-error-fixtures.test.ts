import { describe, expect, it } from 'vitest';
import type { ApiError } from '../core/messages.ts';
import { decodeAnthropicError } from './anthropic/decode-error.ts';
import { decodeOllamaError } from './ollama/decode-error.ts';
import { decodeOpenAiError } from './openai/decode-error.ts';
import { errorFixtures } from './test-kit/error-fixtures.ts';

const decoders = { openai: decodeOpenAiError, anthropic: decodeAnthropicError, ollama: decodeOllamaError };
const serverFix =
  "(the server's context window is smaller than the prompt: raise it (llama-server -c, vLLM --max-model-len, LM Studio's context length, Ollama's OLLAMA_CONTEXT_LENGTH).)";
const ollamaFix =
  "(Ollama refused the prompt instead of cutting it: it is longer than the context window. Pass a larger --num-ctx (Ollama's num_ctx, capped at the model's trained length).)";
const budget = (prompt: number, output: number, window: number, upstream: string): string =>
  `input length and \`max_tokens\` exceed context limit: ${prompt} + ${output} > ${window}, decrease input length or \`max_tokens\` and try again (upstream: ${upstream})`;

const vllmNew =
  "This model's maximum context length is 32768 tokens. However, you requested 8192 output tokens and your prompt contains at least 24577 input tokens, for a total of at least 32769 tokens. Please reduce the length of the input prompt or the number of requested output tokens. (parameter=input_tokens, value=24577)";
const vllm010 =
  "'max_tokens' or 'max_completion_tokens' is too large: 8192. This model's maximum context length is 32768 tokens and your request has 24577 input tokens (8192 > 32768 - 24577). None";
const vllmMessages =
  "'max_tokens' or 'max_completion_tokens' is too large: 32000. This model's maximum context length is 100001 tokens and your request has 81126 input tokens (32000 > 100001 - 81126). (parameter=max_tokens, value=32000)";
const vllm08 =
  "This model's maximum context length is 32768 tokens. However, you requested 32769 tokens (24577 in the messages, 8192 in the completion). Please reduce the length of the messages or completion.";
const vllmPromptOnly =
  "This model's maximum context length is 40960 tokens. However, you requested 0 output tokens and your prompt contains at least 40961 input tokens, for a total of at least 40961 tokens. Please reduce the length of the input prompt or the number of requested output tokens. (parameter=input_tokens, value=40961)";
const vllmDecoder =
  'The decoder prompt (length 40000) is longer than the maximum model length of 32768. Make sure that `max_model_len` is no smaller than the number of text tokens.';
const llamaOverflow = 'request (40000 tokens) exceeds the available context size (32768 tokens), try increasing it';

// Each recorded server answer, decoded by the dialect that meets it, is exactly this error.
const expected: Record<string, readonly [keyof typeof decoders, ApiError]> = {
  'vllm-output-budget.json': [
    'openai',
    {
      status: 400,
      type: 'invalid_request_error',
      category: 'output_budget',
      message: budget(24577, 8192, 32768, vllmNew),
    },
  ],
  'vllm-output-budget-0.10.json': [
    'openai',
    {
      status: 400,
      type: 'invalid_request_error',
      category: 'output_budget',
      message: budget(24577, 8192, 32768, vllm010),
    },
  ],
  'vllm-messages-output-budget.json': [
    'anthropic',
    {
      status: 400,
      type: 'invalid_request_error',
      category: 'output_budget',
      message: budget(81126, 32000, 100001, vllmMessages),
    },
  ],
  'vllm-output-budget-0.8.json': [
    'openai',
    {
      status: 400,
      type: 'invalid_request_error',
      category: 'output_budget',
      message: budget(24577, 8192, 32768, vllm08),
    },
  ],
  'vllm-prompt-only.json': [
    'openai',
    {
      status: 400,
      type: 'invalid_request_error',
      category: 'prompt_too_long',
      message: `prompt is too long: 40961 tokens > 40960 maximum (upstream: ${vllmPromptOnly}) ${serverFix}`,
    },
  ],
  'vllm-decoder-prompt.json': [
    'openai',
    {
      status: 400,
      type: 'invalid_request_error',
      category: 'prompt_too_long',
      message: `prompt is too long: 40000 tokens > 32768 maximum (upstream: ${vllmDecoder}) ${serverFix}`,
    },
  ],
  'ollama-input-too-long.json': [
    'ollama',
    {
      status: 400,
      type: 'invalid_request_error',
      category: 'prompt_too_long',
      message: `prompt is too long: the input length exceeds the context length ${ollamaFix}`,
    },
  ],
  'ollama-llama-server-overflow.json': [
    'ollama',
    {
      status: 400,
      type: 'invalid_request_error',
      category: 'prompt_too_long',
      message: `prompt is too long: 40000 tokens > 32768 maximum (upstream: ${llamaOverflow}) ${ollamaFix}`,
    },
  ],
  'ollama-no-tools.json': [
    'ollama',
    {
      status: 400,
      type: 'invalid_request_error',
      category: 'capability',
      message: 'registry.ollama.ai/library/deepseek-r1:7b does not support tools',
    },
  ],
  'ollama-no-thinking.json': [
    'ollama',
    {
      status: 400,
      type: 'invalid_request_error',
      category: 'capability',
      message: '"qwen2.5-coder:1.5b" does not support thinking',
    },
  ],
  'llama-server-no-jinja.json': [
    'openai',
    {
      status: 500,
      type: 'api_error',
      category: 'capability',
      message: 'tools param requires --jinja flag (restart llama-server with --jinja to enable tool calls)',
    },
  ],
};

describe('recorded upstream error answers', () => {
  const fixtures = errorFixtures();

  it('has an expectation for every recorded answer, and each names its source', () => {
    expect(Object.keys(fixtures).sort()).toEqual(Object.keys(expected).sort());
    for (const fixture of Object.values(fixtures)) expect(fixture.source.length).toBeGreaterThan(40);
  });

  it.each(Object.entries(expected))('decodes %s', (name, [dialect, error]) => {
    const fixture = fixtures[name]!;
    expect(decoders[dialect](fixture.status, fixture.body)).toEqual(error);
  });
});
