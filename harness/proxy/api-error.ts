/** Errors in the Anthropic shape `{type:"error", error:{type, message}}`, with their HTTP status. */
import type { ApiError, ApiErrorType } from '../core/messages.ts';

const statusByType: Record<ApiErrorType, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  overloaded_error: 529,
};

/** The HTTP status Anthropic uses for an error type. */
export function statusForErrorType(type: ApiErrorType): number {
  return statusByType[type];
}

/** An ApiError whose status follows from its type. */
export function apiError(type: ApiErrorType, message: string, status = statusForErrorType(type)): ApiError {
  return { status, type, message };
}

/** The JSON body Anthropic sends for an error. */
export function errorBody(error: ApiError): { type: 'error'; error: { type: ApiErrorType; message: string } } {
  return { type: 'error', error: { type: error.type, message: error.message } };
}
