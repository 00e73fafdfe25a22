import { describe, expect, it } from 'vitest';
import { readErrorBody } from './error-body.ts';
import { decodeUpstreamError, streamError } from './upstream-error.ts';

describe('decodeUpstreamError', () => {
  it.each([
    [
      400,
      '{"type":"error","error":{"type":"invalid_request_error","message":"bad tools"}}',
      'invalid_request_error',
      'bad tools',
      'bad_request',
    ],
    [
      500,
      '{"type":"error","error":{"type":"overloaded_error","message":"busy"}}',
      'overloaded_error',
      'busy',
      'overloaded',
    ],
    [
      401,
      '{"error":{"code":401,"message":"Invalid API Key","type":"authentication_error"}}',
      'authentication_error',
      'Invalid API Key',
      'auth',
    ],
    [403, 'forbidden', 'permission_error', 'forbidden', 'auth'],
    [404, '{"error":"model \'qwen9\' not found"}', 'not_found_error', "model 'qwen9' not found", 'not_found'],
    [413, 'too big', 'invalid_request_error', 'too big', 'bad_request'],
    [429, '{"error":{"message":"slow down","type":"rate_limit"}}', 'rate_limit_error', 'slow down', 'overloaded'],
    [
      500,
      '{"error":{"code":500,"message":"Failed to parse input","type":"server_error"}}',
      'api_error',
      'Failed to parse input',
      'server',
    ],
    [502, '<html>Bad Gateway</html>', 'api_error', '<html>Bad Gateway</html>', 'server'],
    [
      503,
      '{"error":{"code":503,"message":"Loading model","type":"unavailable_error"}}',
      'overloaded_error',
      'Loading model',
      'overloaded',
    ],
    [529, '', 'overloaded_error', 'upstream answered HTTP 529 with an empty body', 'overloaded'],
    [
      400,
      '{"object":"error","message":"vLLM says no","type":"BadRequestError","code":400}',
      'invalid_request_error',
      'vLLM says no',
      'bad_request',
    ],
  ] as const)('maps HTTP %i %s to %s', (status, body, type, message, category) => {
    expect(decodeUpstreamError(status, body)).toEqual({ status, type, message, category });
  });

  it('keeps a 422 "Extra inputs are not permitted" verbatim, with the field named', () => {
    const body = JSON.stringify({
      detail: [{ type: 'extra_forbidden', loc: ['body', 'context_management'], msg: 'Extra inputs are not permitted' }],
    });
    expect(decodeUpstreamError(422, body)).toEqual({
      status: 422,
      type: 'invalid_request_error',
      message: 'body.context_management: Extra inputs are not permitted',
      category: 'bad_request',
    });
  });

  it.each([
    [
      500,
      '{"error":{"code":400,"message":"the request exceeds the available context size, try increasing it","type":"exceed_context_size_error"}}',
    ],
    [
      400,
      '{"error":{"message":"This model\'s maximum context length is 32768 tokens","code":"context_length_exceeded"}}',
    ],
    [400, '{"error":"prompt too long; exceeded max context length by 100 tokens"}'],
    [413, 'too many tokens in request'],
  ])('turns a context overflow (HTTP %i) into 400 "prompt is too long"', (status, body) => {
    const error = decodeUpstreamError(status, body);
    expect(error.status).toBe(400);
    expect(error.type).toBe('invalid_request_error');
    expect(error.category).toBe('prompt_too_long');
    expect(error.message).toMatch(/^prompt is too long: /);
  });

  it('does not prefix a message that already says "prompt is too long"', () => {
    expect(
      decodeUpstreamError(
        400,
        '{"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 40000 tokens > 32768"}}',
      ).message,
    ).toBe('prompt is too long: 40000 tokens > 32768');
  });
});

describe('streamError', () => {
  const body = (message: string, upstreamType: string | null = null) => ({
    ...readErrorBody(message),
    message,
    upstreamType,
  });

  it.each([
    ['busy', 'overloaded_error', { type: 'overloaded_error', message: 'busy', category: 'overloaded' }],
    ['boom', 'server_error', { type: 'api_error', message: 'boom', category: 'server' }],
    [
      'context shift is disabled',
      'server_error',
      {
        type: 'api_error',
        message: 'the context window filled up during generation (upstream: context shift is disabled)',
        category: 'context_exhausted',
      },
    ],
    [
      'tools param requires --jinja flag',
      'server_error',
      { type: 'api_error', message: 'tools param requires --jinja flag', category: 'capability' },
    ],
    ['', null, { type: 'api_error', message: 'upstream reported an error', category: 'server' }],
  ] as const)('reads "%s" (%s)', (message, type, expected) => {
    expect(streamError(body(message, type))).toEqual(expected);
  });
});
