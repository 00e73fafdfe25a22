/** OpenAI/llama-server/vLLM error answers (`{"error":{"code","message","type"}}`, `{"detail":…}`) → Anthropic errors. */
import type { ApiError } from '../../core/messages.ts';
import { withContextFix } from '../shared/context-fix.ts';
import { decodeUpstreamError } from '../shared/upstream-error.ts';

/** Maps a non-2xx answer of an OpenAI-compatible server; a llama-server without --jinja is told so. */
export function decodeOpenAiError(status: number, bodyText: string): ApiError {
  const error = decodeUpstreamError(status, bodyText);
  if (/--jinja/.test(error.message) && !/restart llama-server/i.test(error.message)) {
    return { ...error, message: `${error.message} (restart llama-server with --jinja to enable tool calls)` };
  }
  return withContextFix(error, 'server');
}
