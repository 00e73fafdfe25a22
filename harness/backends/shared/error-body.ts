/**
 * Reading what an upstream error says, whatever its shape: Anthropic `{type:"error", error:{type,
 * message}}`, OpenAI/llama-server `{"error":{"code","message","type"}}` (llama-server adds
 * `n_prompt_tokens`/`n_ctx` to a context overflow), Ollama `{"error":"..."}` (whose string can itself
 * be the JSON error of the llama-server it runs), FastAPI/vLLM `{"detail": ...}` or
 * `{"object":"error","message":...}`, or plain text.
 */
import { isRecord, numberField, tryParseJson } from '../../core/json.ts';

const maxMessageLength = 2000;

/** What an error body says: the message, the server's own type name, and any context numbers it carries. */
export interface ErrorBody {
  message: string;
  /** The server's error type (`exceed_context_size_error`, `not_found_error`, `BadRequestError` …), or null. */
  upstreamType: string | null;
  /** llama-server's `n_prompt_tokens` on a context overflow, else null. */
  promptTokens: number | null;
  /** llama-server's `n_ctx` on a context overflow, else null. */
  contextTokens: number | null;
}

/** What an upstream error body says; a body that is not JSON is its own (clipped) message. */
export function readErrorBody(bodyText: string): ErrorBody {
  const text = bodyText.trim();
  const parsed = tryParseJson(text);
  const found = parsed.ok ? errorFromJson(parsed.value) : null;
  return found ?? plainError(text);
}

/** Reads the error out of a parsed JSON value (a mid-stream chunk or an error body); null when it holds none. */
export function errorFromJson(parsed: unknown): ErrorBody | null {
  if (!isRecord(parsed)) return null;
  const error = parsed.error;
  if (typeof error === 'string') return nestedError(error) ?? plainError(error);
  if (isRecord(error)) return recordError(error);
  const detail = parsed.detail;
  if (typeof detail === 'string') return plainError(detail);
  if (Array.isArray(detail)) return plainError(detail.map(describeValidationIssue).join('; '));
  if (typeof parsed.message === 'string') return recordError(parsed);
  return null;
}

// Ollama's llama-server runner passes the runner's JSON error body on as its error string.
function nestedError(text: string): ErrorBody | null {
  if (!text.trimStart().startsWith('{')) return null;
  const parsed = tryParseJson(text);
  return parsed.ok ? errorFromJson(parsed.value) : null;
}

function recordError(error: Record<string, unknown>): ErrorBody {
  return {
    message: clip(typeof error.message === 'string' ? error.message : JSON.stringify(error)),
    upstreamType: typeof error.type === 'string' ? error.type : null,
    promptTokens: numberField(error, 'n_prompt_tokens'),
    contextTokens: numberField(error, 'n_ctx'),
  };
}

function plainError(text: string): ErrorBody {
  return { message: clip(text), upstreamType: null, promptTokens: null, contextTokens: null };
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

/**
 * An SSE line `error: {…}`: how llama.cpp's server reported a streamed error before PR #16486
 * (`server_sent_event(sink, "error", error_data)`, then `data: [DONE]`); null for any other line.
 */
export function errorFromSseLine(line: string): ErrorBody | null {
  const match = /^error:\s?(.*)$/s.exec(line);
  if (match === null) return null;
  const parsed = tryParseJson(match[1] ?? '');
  if (!parsed.ok) return plainError(match[1] ?? '');
  return errorFromJson(parsed.value) ?? plainError(match[1] ?? '');
}
