/** Small node:http helpers: read a body, answer JSON, write with back-pressure. */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Bodies larger than this are refused; Claude Code's requests are ~50 KB. */
export const maxBodyBytes = 32 * 1024 * 1024;

/** The whole request body as text, or null when it exceeds `maxBodyBytes`. */
export async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBodyBytes) return null;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Writes and, when the socket buffer is full, waits for it to drain (or the client to go). */
export async function writeChunk(res: ServerResponse, text: string): Promise<void> {
  if (res.destroyed || res.writableEnded) return;
  if (res.write(text)) return;
  await new Promise<void>((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
