/** Errors of Anthropic-compatible backends → Anthropic errors (llama-server answers in the OpenAI shape). */
import type { ApiError } from '../../core/messages.ts';
import { withContextFix } from '../shared/context-fix.ts';
import { decodeUpstreamError } from '../shared/upstream-error.ts';

/**
 * Maps a non-2xx answer. A 400/422 naming a field the backend does not accept gets the fix: add
 * the field to the strip list.
 */
export function decodeAnthropicError(status: number, bodyText: string): ApiError {
  const error = decodeUpstreamError(status, bodyText);
  if (
    (status === 400 || status === 422) &&
    /extra inputs are not permitted|unknown field|unrecognized/i.test(error.message)
  ) {
    return {
      ...error,
      message: `${error.message} (the backend rejects a request field; add it to the profile's stripFields)`,
    };
  }
  return withContextFix(error, 'server');
}
