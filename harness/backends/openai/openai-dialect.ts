/** The OpenAI chat-completions dialect (`POST /v1/chat/completions`, SSE). */
import { sentMaxTokens } from '../shared/sent-max-tokens.ts';
import type { Dialect } from '../types.ts';
import { decodeOpenAiError } from './decode-error.ts';
import { createOpenAiDecoder, decodeOpenAiStream } from './decode-stream.ts';
import { openAiPreflight } from './preflight.ts';
import { openAiToUpstream } from './to-upstream.ts';

export const openAiDialect: Dialect = {
  kind: 'openai',
  toUpstream: (request, settings) => openAiToUpstream(request, settings),
  decodeStream: (body, request, settings) => decodeOpenAiStream(body, request, sentMaxTokens(request, settings)),
  createDecoder: (request, settings) => createOpenAiDecoder(request, sentMaxTokens(request, settings)),
  decodeError: decodeOpenAiError,
  // No standard token-count endpoint in this dialect; the proxy estimates locally.
  countTokensPath: null,
  preflight: openAiPreflight,
};
