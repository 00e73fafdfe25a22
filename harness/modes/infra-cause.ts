/** Which infrastructure cause an upstream error is, for a run that gets no level. Pure. */
import type { ApiError } from '../core/messages.ts';
import type { InfraCause } from '../core/run.ts';

/**
 * The cause of a backend error: a prompt that does not fit is `context_too_small`, an output
 * budget that does not fit `output_budget`, a model without tools or thinking `model_capability`,
 * a stream that ended early `stream_interrupted`; anything else the backend said is
 * `backend_error`.
 */
export function causeOfApiError(error: ApiError): InfraCause {
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
