/** Ollama's error answers (`{"error":"..."}`) → Anthropic errors, with the fix for a missing model. */
import type { ApiError } from '../../core/messages.ts';
import { decodeUpstreamError } from '../shared/upstream-error.ts';

/** Maps a non-2xx Ollama answer; a 404 for a model not pulled says how to pull it. */
export function decodeOllamaError(status: number, bodyText: string): ApiError {
  const error = decodeUpstreamError(status, bodyText);
  const missing = /model ['"]?([^'"\s]+)['"]? not found/i.exec(error.message);
  if (status === 404 && missing) {
    return { ...error, message: `${error.message}. Pull it with "ollama pull ${missing[1]}".` };
  }
  return error;
}
