import { describe, expect, it } from 'vitest';
import { decodeOllamaError } from './decode-error.ts';

describe('decodeOllamaError', () => {
  it('adds the pull command to a 404 for a model that is not pulled', () => {
    expect(decodeOllamaError(404, '{"error":"model \'qwen9:8b\' not found"}')).toEqual({
      status: 404,
      type: 'not_found_error',
      message: `model 'qwen9:8b' not found. Pull it with "ollama pull qwen9:8b".`,
      category: 'not_found',
    });
  });

  it.each([
    [400, '{"error":"invalid options"}', 'invalid_request_error', 'invalid options', 'bad_request'],
    [
      500,
      '{"error":"llama runner process has terminated"}',
      'api_error',
      'llama runner process has terminated',
      'server',
    ],
    [
      400,
      '{"error":"\\"qwen2.5\\" does not support thinking"}',
      'invalid_request_error',
      '"qwen2.5" does not support thinking',
      'capability',
    ],
  ] as const)('maps HTTP %i %s', (status, body, type, message, category) => {
    expect(decodeOllamaError(status, body)).toEqual({ status, type, message, category });
  });

  it('names the num_ctx the harness asked for when Ollama refuses an oversize prompt', () => {
    const settings = { numCtx: 8192, think: false, maxTokensCap: null, modelOverride: null, stripFields: [] };
    expect(decodeOllamaError(400, '{"error":"the input length exceeds the context length"}', settings)).toEqual({
      status: 400,
      type: 'invalid_request_error',
      category: 'prompt_too_long',
      message:
        "prompt is too long: the input length exceeds the context length (The harness asked for num_ctx 8192. Ollama refused the prompt instead of cutting it: it is longer than the context window. Pass a larger --num-ctx (Ollama's num_ctx, capped at the model's trained length).)",
    });
  });
});
