/**
 * The raw runner's HTTP client: one streamed Anthropic Messages request to the harness proxy,
 * assembled into the answer text. Timing is not measured here — the proxy measures it.
 */
import { createParser } from 'eventsource-parser';
import type { ApiError, MessagesRequest, StopReason, StreamEvent } from '../../core/messages.ts';

export type StreamOutcome =
  | { kind: 'completed'; text: string; thinking: string; stopReason: StopReason | null; events: number }
  | { kind: 'api_error'; error: ApiError; text: string; thinking: string }
  | { kind: 'connection_error'; message: string; text: string; thinking: string }
  | { kind: 'timed_out'; text: string; thinking: string };

/** Send `request` (stream: true) to `<baseUrl>/v1/messages` and assemble text and thinking. */
export async function streamMessages(
  baseUrl: string,
  request: MessagesRequest,
  signal: AbortSignal,
  fetchImpl: typeof fetch = fetch,
): Promise<StreamOutcome> {
  let text = '';
  let thinking = '';
  let stopReason: StopReason | null = null;
  let streamError: ApiError | null = null;
  let sawStop = false;
  let events = 0;
  try {
    const response = await fetchImpl(`${baseUrl}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'x-api-key': 'bench' },
      body: JSON.stringify({ ...request, stream: true }),
      signal,
    });
    if (!response.ok || response.body === null) {
      const body = await response.text();
      return { kind: 'api_error', error: parseErrorBody(response.status, body), text, thinking };
    }
    const parser = createParser({
      onEvent(message) {
        let event: StreamEvent;
        try {
          event = JSON.parse(message.data) as StreamEvent;
        } catch {
          streamError = {
            status: 502,
            type: 'api_error',
            message: `unparseable SSE data: ${message.data.slice(0, 120)}`,
          };
          return;
        }
        events += 1;
        if (event.type === 'content_block_delta') {
          if (event.delta.type === 'text_delta') text += event.delta.text;
          else if (event.delta.type === 'thinking_delta') thinking += event.delta.thinking;
        } else if (event.type === 'message_delta') {
          stopReason = event.delta.stop_reason;
        } else if (event.type === 'message_stop') {
          sawStop = true;
        } else if (event.type === 'error') {
          streamError = { status: 500, type: event.error.type, message: event.error.message };
        }
      },
    });
    const decoder = new TextDecoder();
    for await (const chunk of response.body) parser.feed(decoder.decode(chunk as Uint8Array, { stream: true }));
  } catch (error) {
    if (signal.aborted) return { kind: 'timed_out', text, thinking };
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return {
      kind: 'connection_error',
      message: cause?.code ?? cause?.message ?? (error as Error).message,
      text,
      thinking,
    };
  }
  if (streamError !== null) return { kind: 'api_error', error: streamError, text, thinking };
  if (!sawStop) return { kind: 'connection_error', message: 'stream ended without message_stop', text, thinking };
  return { kind: 'completed', text, thinking, stopReason, events };
}

function parseErrorBody(status: number, body: string): ApiError {
  try {
    const parsed = JSON.parse(body) as { error?: { type?: string; message?: string } };
    if (parsed.error?.message) {
      return { status, type: (parsed.error.type ?? 'api_error') as ApiError['type'], message: parsed.error.message };
    }
  } catch {
    // not JSON: keep the text
  }
  return { status, type: 'api_error', message: body.slice(0, 300) || `HTTP ${status}` };
}
