/** The `max_tokens` a dialect sends upstream, as decoder options: a stop is judged against it. */
import type { MessagesRequest } from '../../core/messages.ts';
import type { DialectSettings } from '../types.ts';
import type { DecodeOptions } from './ids.ts';

/** `{ maxTokens }` after the settings' cap; empty without settings (the decoder uses the request's). */
export function sentMaxTokens(request: MessagesRequest, settings: DialectSettings | undefined): DecodeOptions {
  if (settings === undefined || settings.maxTokensCap === null) return {};
  return { maxTokens: Math.min(request.max_tokens, settings.maxTokensCap) };
}
