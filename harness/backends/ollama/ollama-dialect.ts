/** The Ollama native dialect (`POST /api/chat`, NDJSON). */
import { sentMaxTokens } from '../shared/sent-max-tokens.ts';
import type { Dialect } from '../types.ts';
import { decodeOllamaError } from './decode-error.ts';
import { createOllamaDecoder, decodeOllamaStream } from './decode-stream.ts';
import { ollamaPreflight } from './preflight.ts';
import { ollamaToUpstream } from './to-upstream.ts';

export const ollamaDialect: Dialect = {
  kind: 'ollama',
  toUpstream: (request, settings) => ollamaToUpstream(request, settings),
  decodeStream: (body, request, settings) => decodeOllamaStream(body, request, sentMaxTokens(request, settings)),
  createDecoder: (request, settings) => createOllamaDecoder(request, sentMaxTokens(request, settings)),
  decodeError: decodeOllamaError,
  // Ollama's native API has no token counter; the proxy estimates locally.
  countTokensPath: null,
  preflight: ollamaPreflight,
};
