/** Reading request bodies and writing JSON answers on node:http. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { ApiError } from '../core/messages.ts';
import { errorBody } from './api-error.ts';

/** A request body: its text, or how far it got past the limit before reading stopped. */
export type BodyRead = { kind: 'read'; text: string } | { kind: 'too_large'; bytesRead: number; limit: number };

/**
 * The whole request body as text; Claude Code's requests are 50 KB and more, so chunks are joined
 * once. Past `limitBytes` nothing more is kept: the answer is `too_large` at once and the rest of
 * the upload is discarded as it arrives, so memory stays bounded whatever the client sends.
 * Rejects when the client leaves before the body is complete.
 */
export function readBody(req: Readable & { readonly complete: boolean }, limitBytes: number): Promise<BodyRead> {
  // Plain events: cheaper than an async iterator on the per-request path.
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] = [];
    let bytes = 0;
    let settled = false;
    const settle = (read: BodyRead): void => {
      settled = true;
      resolve(read);
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      bytes += chunk.length;
      if (bytes <= limitBytes) chunks.push(chunk);
      else {
        chunks = [];
        settle({ kind: 'too_large', bytesRead: bytes, limit: limitBytes });
      }
    });
    req.once('end', () => {
      if (!settled) settle({ kind: 'read', text: joined(chunks) });
    });
    req.once('error', (error) => {
      if (!settled) reject(error);
    });
    req.once('close', () => {
      if (!settled && !req.complete) reject(new Error('client closed the connection while sending its request'));
    });
  });
}

function joined(chunks: Buffer[]): string {
  return chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks).toString('utf8');
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
