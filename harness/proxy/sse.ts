/** The downstream SSE wire format: one frame per Anthropic stream event. */
import type { StreamEvent } from '../core/messages.ts';

/** Response headers of a streamed `/v1/messages` answer. */
export const sseHeaders: Readonly<Record<string, string>> = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
  // Tells nginx-style reverse proxies in front of us not to buffer the stream.
  'x-accel-buffering': 'no',
};

/** `event: <type>\ndata: <json>\n\n`, the JSON serialised exactly once. */
export function sseFrame(event: StreamEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** The keep-alive frame sent while the upstream is silent. */
export const pingFrame = sseFrame({ type: 'ping' });
