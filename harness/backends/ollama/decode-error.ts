/** Ollama's error answers (`{"error":"..."}`) → Anthropic errors, with the fix for a missing model or a small context. */
import type { ApiError } from '../../core/messages.ts';
import { withContextFix } from '../shared/context-fix.ts';
import { decodeUpstreamError } from '../shared/upstream-error.ts';
import type { DialectSettings } from '../types.ts';

/**
 * Maps a non-2xx Ollama answer. A 404 for a model not pulled says how to pull it; the 400 Ollama
 * gives for a prompt over the context window (the harness sends `truncate: false`, so Ollama says so
 * instead of dropping messages) is `prompt_too_long` with the fix.
 */
export function decodeOllamaError(status: number, bodyText: string, settings?: DialectSettings): ApiError {
  const error = decodeUpstreamError(status, bodyText);
  const missing = /model ['"]?([^'"\s]+)['"]? not found/i.exec(error.message);
  if (status === 404 && missing) {
    return { ...error, message: `${error.message}. Pull it with "ollama pull ${missing[1]}".` };
  }
  return withContextFix(error, 'ollama', settings?.numCtx);
}
