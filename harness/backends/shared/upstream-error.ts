/**
 * Upstream errors → Anthropic errors with a category (core/messages.ts ApiErrorCategory). An
 * Anthropic-shaped body keeps its own type; other shapes are typed by status. A context error
 * always becomes 400 `invalid_request_error` in the wording Claude Code acts on
 * (anthropic-context-message.ts): lower `max_tokens` and retry for an output-budget overflow, stop
 * with `prompt_too_long` when the prompt itself does not fit.
 */
import type { ApiError, ApiErrorCategory, ApiErrorType, StreamErrorPayload } from '../../core/messages.ts';
import { anthropicContextMessage } from './anthropic-context-message.ts';
import { classifyContextError } from './context-errors.ts';
import { type ErrorBody, readErrorBody } from './error-body.ts';

const apiErrorTypes: ReadonlySet<string> = new Set<ApiErrorType>([
  'invalid_request_error',
  'authentication_error',
  'permission_error',
  'not_found_error',
  'request_too_large',
  'rate_limit_error',
  'api_error',
  'overloaded_error',
]);

const capabilityMessage =
  /does not support (?:tools|thinking|chat|generate)|--jinja|tools? (?:is|are) not supported|"auto" tool choice requires|not_supported_error/i;

/** True when an upstream message says the context window was too small (any of the three kinds). */
export function isContextOverflow(message: string): boolean {
  return classifyContextError({ message, upstreamType: null }) !== null;
}

/** The Anthropic error type for an HTTP status. */
export function errorTypeForStatus(status: number): ApiErrorType {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 429) return 'rate_limit_error';
  if (status === 503 || status === 529) return 'overloaded_error';
  if (status >= 500) return 'api_error';
  return 'invalid_request_error';
}

/** The category of a non-context error, from what it says and its status. */
export function errorCategory(status: number, body: Pick<ErrorBody, 'message' | 'upstreamType'>): ApiErrorCategory {
  if (capabilityMessage.test(body.message) || status === 501) return 'capability';
  const byType = isApiErrorType(body.upstreamType) ? categoryByType[body.upstreamType] : undefined;
  if (byType !== undefined) return byType;
  if (body.upstreamType === 'unavailable_error') return 'overloaded';
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'not_found';
  if (status === 429 || status === 503 || status === 529) return 'overloaded';
  if (status >= 500) return 'server';
  return 'bad_request';
}

/** True when `value` names an Anthropic error type. */
export function isApiErrorType(value: unknown): value is ApiErrorType {
  return typeof value === 'string' && apiErrorTypes.has(value);
}

/** Maps a non-2xx upstream answer to an Anthropic error with its category. */
export function decodeUpstreamError(status: number, bodyText: string): ApiError {
  const body = readErrorBody(bodyText);
  const message = body.message === '' ? `upstream answered HTTP ${status} with an empty body` : body.message;
  // A rate limit can speak of tokens too; it is never the context window.
  const context = status === 429 ? null : classifyContextError({ ...body, message });
  if (context !== null) {
    const text = anthropicContextMessage(context, message);
    if (context.category !== 'context_exhausted') {
      return { status: 400, type: 'invalid_request_error', message: text, category: context.category };
    }
    return { status, type: errorTypeForStatus(status), message: text, category: context.category };
  }
  const type = isApiErrorType(body.upstreamType) ? body.upstreamType : errorTypeForStatus(status);
  return { status, type, message, category: errorCategory(status, { ...body, message }) };
}

/**
 * A mid-stream upstream error as an `error` event payload. Its category is the context kind when it
 * is one, else `fallback` (`server` for an error the server reported, `stream_interrupted` or
 * `malformed_stream` for what the decoder found) unless the message names a missing capability.
 */
export function streamError(body: ErrorBody, fallback: ApiErrorCategory = 'server'): StreamErrorPayload {
  const message = body.message || 'upstream reported an error';
  const context = classifyContextError({ ...body, message });
  if (context !== null) {
    const type = context.category === 'context_exhausted' ? 'api_error' : 'invalid_request_error';
    return { type, message: anthropicContextMessage(context, message), category: context.category };
  }
  const type = isApiErrorType(body.upstreamType) ? body.upstreamType : 'api_error';
  const category = capabilityMessage.test(message) ? 'capability' : (categoryByType[type] ?? fallback);
  return { type, message, category };
}

// What an Anthropic error type says about the cause, when it says anything beyond "error".
const categoryByType: Partial<Record<ApiErrorType, ApiErrorCategory>> = {
  authentication_error: 'auth',
  permission_error: 'auth',
  not_found_error: 'not_found',
  rate_limit_error: 'overloaded',
  overloaded_error: 'overloaded',
};

/** A stream error the decoder itself found (truncation, bad bytes, a failed socket). */
export function decoderError(category: 'stream_interrupted' | 'malformed_stream', message: string): StreamErrorPayload {
  return { type: 'api_error', message, category };
}

/** A body that was not a stream at all, read as an error ("Upstream did not answer with an event stream: …"). */
export function notAStreamError(bodyText: string): StreamErrorPayload {
  const body = readErrorBody(bodyText);
  return streamError({ ...body, message: `Upstream did not answer with an event stream: ${body.message}` }, 'server');
}
