/**
 * How real servers report a generation that failed, per dialect. Sources:
 * - llama-server: `format_error_response` gives `{"code","message","type"}`; mid-stream it goes out as
 *   `event: error` + that object (/v1/messages) or `data: {"error": …}` (/v1/chat/completions), and the
 *   stream ends with no `message_stop` or `[DONE]`; a failure of the first result is a plain HTTP error
 *   `{"error": {…}}` (ggml-org/llama.cpp tools/server/server-context.cpp `handle_completions_impl`,
 *   commit fb4026604c67c682f552337ec9b91eced0abd35a; tools/server/server-common.cpp `format_error_response`).
 * - llama.cpp before PR #16486: `server_sent_event(sink, "error", error_data)` writes an `error: {…}` line,
 *   then `data: [DONE]` follows (examples/server/server.cpp `handle_completions_impl`).
 * - Ollama's /v1 layers: a mid-stream `{"error": …}` from the chat handler is decoded as an empty chat
 *   chunk, so /v1/chat/completions sends one empty-delta chunk and /v1/messages nothing, then the stream
 *   closes without a finish (ollama/ollama middleware/openai.go `ChatWriter.writeResponse`,
 *   middleware/anthropic.go `AnthropicWriter.Write`, commit fb30760996871fa9460115c753afd2c60d4ab0f7).
 *   Errors before the first byte go through `writeError`: openai.NewError / anthropic.NewError.
 * - Ollama native: `streamResponse` encodes `{"error": e}` as one more NDJSON line (server/routes.go).
 */
import { randomBytes } from 'node:crypto';
import type { StreamInterrupt } from '../types.ts';
import type { FailedBody } from './adapter.ts';

/** llama-server's error object. */
export function llamaError(interrupt: StreamInterrupt): Record<string, unknown> {
  return { code: interrupt.code, message: interrupt.message, type: interrupt.type };
}

/** Ollama's Anthropic-layer error body (anthropic.NewError): type by status, a request id. */
export function ollamaAnthropicError(status: number, message: string): Record<string, unknown> {
  const types: Record<number, string> = { 400: 'invalid_request_error', 404: 'not_found_error' };
  return {
    type: 'error',
    error: { type: types[status] ?? 'api_error', message },
    request_id: `req_sim${randomBytes(9).toString('hex')}`,
  };
}

/** Ollama's OpenAI-layer error body (openai.NewError). */
export function ollamaOpenAIError(status: number, message: string): Record<string, unknown> {
  const types: Record<number, string> = { 400: 'invalid_request_error', 404: 'not_found_error' };
  return { error: { message, type: types[status] ?? 'api_error', param: null, code: null } };
}

/** A failure before the first byte on the anthropic dialect. */
export function anthropicFailed(interrupt: StreamInterrupt): FailedBody {
  if (interrupt.style === 'ollama_v1_close')
    return { status: interrupt.code, body: ollamaAnthropicError(interrupt.code, interrupt.message) };
  // llama-server answers /v1/messages errors in its OpenAI shape.
  return { status: interrupt.code, body: { error: llamaError(interrupt) } };
}

/** A failure before the first byte on the openai dialect. */
export function openaiFailed(interrupt: StreamInterrupt): FailedBody {
  if (interrupt.style === 'ollama_v1_close')
    return { status: interrupt.code, body: ollamaOpenAIError(interrupt.code, interrupt.message) };
  return { status: interrupt.code, body: { error: llamaError(interrupt) } };
}
