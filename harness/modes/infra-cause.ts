/** Which infrastructure cause an upstream error is, for a run that gets no level. Pure. */
import type { ApiError, ApiErrorCategory } from '../core/messages.ts';
import type { InfraCause } from '../core/run.ts';

/** The cause of each error category the dialects tell apart. */
const causeOfCategory: Record<ApiErrorCategory, InfraCause> = {
  prompt_too_long: 'context_too_small',
  context_exhausted: 'context_too_small',
  output_budget: 'output_budget',
  capability: 'model_capability',
  stream_interrupted: 'stream_interrupted',
  malformed_stream: 'stream_interrupted',
  not_found: 'backend_error',
  overloaded: 'backend_error',
  auth: 'backend_error',
  bad_request: 'backend_error',
  server: 'backend_error',
};

/**
 * The cause of a backend error: from the category the dialect gave it, else (errors the proxy
 * makes itself, and errors as Claude Code saw them, without the category) from its wording.
 */
export function causeOfApiError(error: ApiError): InfraCause {
  if (error.category !== undefined) return causeOfCategory[error.category];
  const message = error.message.toLowerCase();
  if (/prompt is too long|exceeds? the context|context length|context window|maximum context/.test(message)) {
    return /requested \d+ output tokens|max_tokens.*too large|decrease .*max_tokens/.test(message)
      ? 'output_budget'
      : 'context_too_small';
  }
  if (/does not support (?:tools|thinking)/.test(message)) return 'model_capability';
  if (/unreachable|econnrefused|enotfound|ehostunreach/.test(message)) return 'backend_unreachable';
  if (
    /truncated|ended|closed|aborted|socket hang up|econnreset|terminated|without (?:a )?(?:finish|message_stop)/.test(
      message,
    )
  ) {
    return 'stream_interrupted';
  }
  return 'backend_error';
}
