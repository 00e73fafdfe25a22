/**
 * A scripted Anthropic Messages server on loopback for driving the real Claude Code CLI offline:
 * the first `failures` requests get the given 400 error, later ones a one-word streamed answer.
 * It records each request's `max_tokens`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedAnthropic {
  url: string;
  /** `max_tokens` of every POST /v1/messages, in order. */
  maxTokens: number[];
  close(): Promise<void>;
}

const sse = (type: string, data: object): string => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;

function answer(model: string): string {
  const message = { id: 'msg_1', type: 'message', role: 'assistant', model, content: [] };
  return [
    sse('message_start', {
      message: { ...message, stop_reason: null, stop_sequence: null, usage: { input_tokens: 10, output_tokens: 0 } },
    }),
    sse('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
    sse('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'done' } }),
    sse('content_block_stop', { index: 0 }),
    sse('message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 1 } }),
    sse('message_stop', {}),
  ].join('');
}

/** Starts the server; `message` is the error's text in Anthropic's `invalid_request_error` shape. */
export async function startScriptedAnthropic(message: string, failures = 1): Promise<ScriptedAnthropic> {
  const maxTokens: number[] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => {
      text += String(chunk);
    });
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.startsWith('/v1/messages')) {
        res.writeHead(404).end('{}');
        return;
      }
      const body = JSON.parse(text) as { max_tokens: number; model: string };
      maxTokens.push(body.max_tokens);
      if (maxTokens.length <= failures) {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ type: 'error', error: { type: 'invalid_request_error', message } }));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' }).end(answer(body.model));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    maxTokens,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
