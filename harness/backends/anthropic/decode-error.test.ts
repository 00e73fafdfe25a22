import { describe, expect, it } from 'vitest';
import { decodeAnthropicError } from './decode-error.ts';

describe('decodeAnthropicError', () => {
  it('keeps a 422 "Extra inputs are not permitted" verbatim and says how to fix it', () => {
    const body = JSON.stringify({
      detail: [{ type: 'extra_forbidden', loc: ['body', 'output_config'], msg: 'Extra inputs are not permitted' }],
    });
    expect(decodeAnthropicError(422, body)).toEqual({
      status: 422,
      type: 'invalid_request_error',
      message:
        "body.output_config: Extra inputs are not permitted (the backend rejects a request field; add it to the profile's stripFields)",
      category: 'bad_request',
    });
  });

  it("maps llama-server's OpenAI-shaped errors on /v1/messages", () => {
    const body = JSON.stringify({
      error: { code: 500, message: 'Failed to parse input at pos 12', type: 'server_error' },
    });
    expect(decodeAnthropicError(500, body)).toEqual({
      status: 500,
      type: 'api_error',
      message: 'Failed to parse input at pos 12',
      category: 'server',
    });
  });

  it('keeps the type of an Anthropic-shaped error', () => {
    const body = JSON.stringify({ type: 'error', error: { type: 'not_found_error', message: 'model: qwen9' } });
    expect(decodeAnthropicError(404, body)).toEqual({
      status: 404,
      type: 'not_found_error',
      message: 'model: qwen9',
      category: 'not_found',
    });
  });
});
