import { describe, expect, it } from 'vitest';
import { type ErrorBody, errorFromSseLine, readErrorBody } from './error-body.ts';

const plain = (message: string): ErrorBody => ({
  message,
  upstreamType: null,
  promptTokens: null,
  contextTokens: null,
});

describe('readErrorBody', () => {
  it.each<[string, string, ErrorBody]>([
    [
      'Anthropic',
      '{"type":"error","error":{"type":"not_found_error","message":"m"}}',
      { ...plain('m'), upstreamType: 'not_found_error' },
    ],
    [
      'llama-server with context numbers',
      '{"error":{"code":400,"message":"too big","type":"exceed_context_size_error","n_prompt_tokens":9,"n_ctx":8}}',
      { message: 'too big', upstreamType: 'exceed_context_size_error', promptTokens: 9, contextTokens: 8 },
    ],
    ['Ollama', '{"error":"boom"}', plain('boom')],
    [
      "Ollama passing on its llama-server runner's JSON",
      JSON.stringify({
        error:
          '{"error":{"code":400,"message":"inner","type":"exceed_context_size_error","n_prompt_tokens":9,"n_ctx":8}}',
      }),
      { message: 'inner', upstreamType: 'exceed_context_size_error', promptTokens: 9, contextTokens: 8 },
    ],
    [
      'vLLM top level',
      '{"object":"error","message":"no","type":"BadRequestError","code":400}',
      { ...plain('no'), upstreamType: 'BadRequestError' },
    ],
    [
      'FastAPI detail list',
      '{"detail":[{"loc":["body","x"],"msg":"Extra inputs are not permitted"}]}',
      plain('body.x: Extra inputs are not permitted'),
    ],
    ['plain text', '<html>502</html>', plain('<html>502</html>')],
  ])('reads %s', (_name, body, expected) => {
    expect(readErrorBody(body)).toEqual(expected);
  });
});

describe('errorFromSseLine', () => {
  it("reads older llama.cpp's error line", () => {
    expect(errorFromSseLine('error: {"code":500,"message":"boom","type":"server_error"}')).toEqual({
      ...plain('boom'),
      upstreamType: 'server_error',
    });
  });

  it.each(['{"error":"x"}', 'retry: 10', 'errors: x'])('ignores "%s"', (line) => {
    expect(errorFromSseLine(line)).toBeNull();
  });
});
