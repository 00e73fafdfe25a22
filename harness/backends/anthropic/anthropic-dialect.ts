/** The Anthropic pass-through dialect (`POST /v1/messages`, SSE) for backends that speak it natively. */
import { sentMaxTokens } from '../shared/sent-max-tokens.ts';
import type { Dialect } from '../types.ts';
import { decodeAnthropicError } from './decode-error.ts';
import { createAnthropicDecoder, decodeAnthropicStream } from './decode-stream.ts';
import { anthropicPreflight } from './preflight.ts';
import { anthropicToUpstream } from './to-upstream.ts';

export const anthropicDialect: Dialect = {
  kind: 'anthropic',
  toUpstream: anthropicToUpstream,
  decodeStream: (body, request, settings) => decodeAnthropicStream(body, request, sentMaxTokens(request, settings)),
  createDecoder: (request, settings) => createAnthropicDecoder(request, sentMaxTokens(request, settings)),
  decodeError: decodeAnthropicError,
  countTokensPath: '/v1/messages/count_tokens',
  preflight: anthropicPreflight,
};
