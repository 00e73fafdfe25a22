/** A scripted upstream on 127.0.0.1 for proxy tests: records every request with arrival and finish times. */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StreamEvent } from '../../core/messages.ts';
import { sseFrame } from '../sse.ts';

export interface UpstreamHit {
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
  arrivedAt: number;
  finishedAt: number | null;
  /** True when the proxy hung up before the response was complete. */
  closedEarly: boolean;
}

export type UpstreamScript = (hit: UpstreamHit, res: ServerResponse) => void | Promise<void>;

export interface FakeUpstream {
  url: string;
  hits: UpstreamHit[];
  /** TCP connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

/** Starts a fake upstream answering every request with `script`. */
export async function startFakeUpstream(script: UpstreamScript): Promise<FakeUpstream> {
  const hits: UpstreamHit[] = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const hit: UpstreamHit = {
      path: req.url ?? '',
      headers: req.headers,
      body: text === '' ? {} : JSON.parse(text),
      arrivedAt: performance.now(),
      finishedAt: null,
      closedEarly: false,
    };
    hits.push(hit);
    res.on('close', () => {
      if (!res.writableFinished) hit.closedEarly = true;
      hit.finishedAt = performance.now();
    });
    try {
      await script(hit, res);
    } catch {
      res.destroy();
    }
  });
  let connections = 0;
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Starts an SSE answer. */
export function openSse(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
}

/** Writes events as SSE frames. */
export function writeEvents(res: ServerResponse, events: readonly StreamEvent[]): void {
  for (const event of events) res.write(sseFrame(event));
}

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The events of a text answer split into `chunks`. */
export function textMessage(
  chunks: readonly string[],
  options: { model?: string; outputTokens?: number; stopReason?: 'end_turn' | 'max_tokens' } = {},
): StreamEvent[] {
  return [
    messageStart(options.model ?? 'upstream-model'),
    { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
    ...chunks.map(
      (text): StreamEvent => ({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } }),
    ),
    { type: 'content_block_stop', index: 0 },
    ...messageEnd(options.stopReason ?? 'end_turn', options.outputTokens ?? chunks.length),
  ];
}

/** Tool-use blocks, each with its arguments streamed in the given pieces. */
export function toolMessage(calls: ReadonlyArray<{ name: string; json: readonly string[] }>): StreamEvent[] {
  return [
    messageStart('upstream-model'),
    ...calls.flatMap(({ name, json }, index): StreamEvent[] => [
      {
        type: 'content_block_start',
        index,
        content_block: { type: 'tool_use', id: `toolu_${index}`, name, input: {} },
      },
      ...json.map(
        (partial_json): StreamEvent => ({
          type: 'content_block_delta',
          index,
          delta: { type: 'input_json_delta', partial_json },
        }),
      ),
      { type: 'content_block_stop', index },
    ]),
    ...messageEnd('tool_use', 20),
  ];
}

export function messageStart(model: string): StreamEvent {
  return {
    type: 'message_start',
    message: {
      id: 'msg_up',
      type: 'message',
      role: 'assistant',
      model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 42, output_tokens: 0 },
    },
  };
}

export function messageEnd(stopReason: 'end_turn' | 'max_tokens' | 'tool_use', outputTokens: number): StreamEvent[] {
  return [
    {
      type: 'message_delta',
      delta: { stop_reason: stopReason, stop_sequence: null },
      usage: { output_tokens: outputTokens },
    },
    { type: 'message_stop' },
  ];
}
