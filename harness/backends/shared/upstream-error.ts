/**
 * Upstream errors → Anthropic errors. Backends answer in four shapes (Anthropic
 * `{type:"error", error:{type,message}}`, OpenAI/llama-server `{"error":{"code","message","type"}}`,
 * Ollama `{"error":"..."}`, FastAPI/vLLM `{"detail": ...}`) or in plain text; the status decides the
 * type, except that a context overflow always becomes 400 "prompt is too long", the phrase Claude
 * Code recognises (it then reports `terminal_reason: prompt_too_long` instead of retrying).
 */
import type { ApiError, ApiErrorType } from '../../core/messages.ts';
import { isRecord } from './json.ts';

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

const contextOverflow =
  /context length|context window|context size|prompt is too long|too many tokens|maximum context|context_length_exceeded|exceeds the (?:available )?context|input is too long/i;

const maxMessageLength = 2000;

/** True when an upstream message says the prompt did not fit the context window. */
export function isContextOverflow(message: string): boolean {
  return contextOverflow.test(message);
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

/** True when `value` names an Anthropic error type. */
export function isApiErrorType(value: unknown): value is ApiErrorType {
  return typeof value === 'string' && apiErrorTypes.has(value);
}

/** What an upstream error body says, whatever its shape. */
export function upstreamErrorMessage(bodyText: string): { message: string; upstreamType: string | null } {
  const text = bodyText.trim();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { message: clip(text), upstreamType: null };
  }
  const found = messageFromJson(parsed);
  return found ?? { message: clip(text), upstreamType: null };
}

/**
 * Maps a non-2xx upstream answer to an Anthropic error. An Anthropic-shaped body keeps its own
 * type; other shapes are typed by status.
 */
export function decodeUpstreamError(status: number, bodyText: string): ApiError {
  const { message, upstreamType } = upstreamErrorMessage(bodyText);
  const text = message === '' ? `upstream answered HTTP ${status} with an empty body` : message;
  if (isContextOverflow(text)) return contextOverflowError(text);
  const type = isApiErrorType(upstreamType) ? upstreamType : errorTypeForStatus(status);
  return { status, type, message: text };
}

/** A mid-stream upstream error as an Anthropic `error` event payload. */
export function streamError(
  message: string,
  upstreamType: string | null = null,
): { type: ApiErrorType; message: string } {
  if (isContextOverflow(message)) {
    const { type, message: text } = contextOverflowError(message);
    return { type, message: text };
  }
  return {
    type: isApiErrorType(upstreamType) ? upstreamType : 'api_error',
    message: message || 'upstream reported an error',
  };
}

/** Reads the error out of a parsed JSON value (a mid-stream chunk, or an error body). */
export function messageFromJson(parsed: unknown): { message: string; upstreamType: string | null } | null {
  if (!isRecord(parsed)) return null;
  const error = parsed.error;
  if (typeof error === 'string') return { message: clip(error), upstreamType: null };
  if (isRecord(error)) {
    const message = typeof error.message === 'string' ? error.message : JSON.stringify(error);
    const type = typeof error.type === 'string' ? error.type : null;
    return { message: clip(message), upstreamType: type };
  }
  const detail = parsed.detail;
  if (typeof detail === 'string') return { message: clip(detail), upstreamType: null };
  if (Array.isArray(detail))
    return { message: clip(detail.map(describeValidationIssue).join('; ')), upstreamType: null };
  if (typeof parsed.message === 'string') {
    return {
      message: clip(parsed.message),
      upstreamType: typeof parsed.type === 'string' ? parsed.type : null,
    };
  }
  return null;
}

function contextOverflowError(message: string): ApiError {
  const text = /^prompt is too long/i.test(message) ? message : `prompt is too long: ${message}`;
  return { status: 400, type: 'invalid_request_error', message: text };
}

// FastAPI/pydantic 422 items: {loc: ["body","context_management"], msg: "Extra inputs are not permitted"}.
function describeValidationIssue(issue: unknown): string {
  if (!isRecord(issue)) return String(issue);
  const msg = typeof issue.msg === 'string' ? issue.msg : JSON.stringify(issue);
  const loc = Array.isArray(issue.loc) ? issue.loc.map(String).join('.') : null;
  return loc ? `${loc}: ${msg}` : msg;
}

function clip(text: string): string {
  return text.length > maxMessageLength ? `${text.slice(0, maxMessageLength)}…` : text;
}
