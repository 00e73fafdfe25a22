/** Error bodies in each dialect's own shape. */
import type { ServerResponse } from 'node:http';
import { sendJson } from '../http-io.ts';
import type { SimDialect } from '../types.ts';

export type SimErrorKind = 'bad_request' | 'model_not_found' | 'not_found' | 'too_large' | 'internal';

const statusFor: Record<SimErrorKind, number> = {
  bad_request: 400,
  model_not_found: 404,
  not_found: 404,
  too_large: 413,
  internal: 500,
};

const anthropicTypes: Record<SimErrorKind, string> = {
  bad_request: 'invalid_request_error',
  model_not_found: 'not_found_error',
  not_found: 'not_found_error',
  too_large: 'request_too_large',
  internal: 'api_error',
};

const openaiTypes: Record<SimErrorKind, string> = {
  bad_request: 'invalid_request_error',
  model_not_found: 'invalid_request_error',
  not_found: 'not_found_error',
  too_large: 'invalid_request_error',
  internal: 'server_error',
};

const openaiCodes: Record<SimErrorKind, string> = {
  bad_request: 'invalid_request_error',
  model_not_found: 'model_not_found',
  not_found: 'not_found',
  too_large: 'request_too_large',
  internal: 'server_error',
};

/** Ollama `{"error": "..."}`; Anthropic `{type:"error", error:{type, message}}`; OpenAI `{error:{message, type, code}}`. */
export function sendDialectError(res: ServerResponse, dialect: SimDialect, kind: SimErrorKind, message: string): void {
  const status = statusFor[kind];
  if (dialect === 'ollama') sendJson(res, status, { error: message });
  else if (dialect === 'anthropic')
    sendJson(res, status, { type: 'error', error: { type: anthropicTypes[kind], message } });
  else sendJson(res, status, { error: { message, type: openaiTypes[kind], code: openaiCodes[kind] } });
}

/** Each dialect's "model not found" wording. */
export function modelNotFoundMessage(dialect: SimDialect, model: string): string {
  if (dialect === 'ollama') return `model '${model}' not found`;
  if (dialect === 'anthropic') return `model: ${model}`;
  return `The model \`${model}\` does not exist.`;
}
