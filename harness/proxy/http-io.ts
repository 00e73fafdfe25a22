/** Reading request bodies and writing JSON answers on node:http. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiError } from '../core/messages.ts';
import { errorBody } from './api-error.ts';

/** The whole request body as text; Claude Code's requests are 50 KB and more, so chunks are joined once. */
export function readBody(req: IncomingMessage): Promise<string> {
  // Plain events: cheaper than an async iterator on the per-request path.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () =>
      resolve(chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks).toString('utf8')),
    );
    req.once('error', reject);
    req.once('close', () => {
      if (!req.complete) reject(new Error('client closed the connection while sending its request'));
    });
  });
}

/** Sends `value` as JSON with `status`; does nothing when the response already ended. */
export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** Sends an Anthropic error JSON with the error's status. */
export function sendError(res: ServerResponse, error: ApiError): void {
  sendJson(res, error.status, errorBody(error));
}

/** Request headers as a flat lower-case record (repeated headers joined with ", "). */
export function flatHeaders(req: IncomingMessage): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
