/** The Anthropic pass-through dialect (`POST /v1/messages`, SSE) for backends that speak it natively. */
import type { Dialect } from '../types.ts';
import { decodeAnthropicError } from './decode-error.ts';
import { createAnthropicDecoder, decodeAnthropicStream } from './decode-stream.ts';
import { anthropicPreflight } from './preflight.ts';
import { anthropicToUpstream } from './to-upstream.ts';

export const anthropicDialect: Dialect = {
  kind: 'anthropic',
  toUpstream: anthropicToUpstream,
  decodeStream: (body, request) => decodeAnthropicStream(body, request),
  createDecoder: (request) => createAnthropicDecoder(request),
  decodeError: decodeAnthropicError,
  countTokensPath: '/v1/messages/count_tokens',
  preflight: anthropicPreflight,
};
