/**
 * Test instrument: a pass-through HTTP relay on loopback between the harness and a real server that
 * keeps every request and response body byte for byte, so a test can read what the server itself
 * sent (its usage and timings) and compare it with what the harness recorded. Bodies stream through
 * chunk by chunk as they arrive; nothing is buffered or rewritten.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as it passed the tap. */
export interface TappedExchange {
  method: string;
  path: string;
  requestBody: string;
  /** null when the upstream never answered. */
  status: number | null;
  responseBody: string;
  /** The upstream ended the response normally (false: it was cut or never came). */
  complete: boolean;
}

export interface WireTap {
  url: string;
  /** Every finished request so far, in the order they finished. */
  exchanges(): TappedExchange[];
  /** Forgets what was recorded (between runs that share one tap). */
  clear(): void;
  close(): Promise<void>;
}

/** Start a tap on a free loopback port forwarding to `target` (e.g. http://127.0.0.1:8080). */
export async function startWireTap(target: string): Promise<WireTap> {
  const upstream = new URL(target);
  const recorded: TappedExchange[] = [];
  const server = http.createServer((req, res) => relay(upstream, req, res, (entry) => recorded.push(entry)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exchanges: () => [...recorded],
    clear: () => {
      recorded.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function relay(
  upstream: URL,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  record: (entry: TappedExchange) => void,
): void {
  const requestChunks: Buffer[] = [];
  const responseChunks: Buffer[] = [];
  const entry = { method: req.method ?? 'GET', path: req.url ?? '/', status: null as number | null };
  let recordedOnce = false;
  const finish = (complete: boolean): void => {
    if (recordedOnce) return;
    recordedOnce = true;
    record({
      ...entry,
      requestBody: Buffer.concat(requestChunks).toString('utf8'),
      responseBody: Buffer.concat(responseChunks).toString('utf8'),
      complete,
    });
  };
  const outgoing = http.request(
    { host: upstream.hostname, port: upstream.port, method: entry.method, path: entry.path, headers: req.headers },
    (answer) => {
      entry.status = answer.statusCode ?? null;
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.on('data', (chunk: Buffer) => {
        responseChunks.push(chunk);
        res.write(chunk);
      });
      answer.on('end', () => {
        finish(answer.complete);
        res.end();
      });
      // A server killed mid-answer: the body closes before its end; pass the cut on.
      answer.on('close', () => {
        if (answer.complete) return;
        finish(false);
        res.destroy();
      });
      answer.on('error', () => undefined);
    },
  );
  // An upstream that dies is passed on as a dropped connection, as the harness would see it directly.
  outgoing.on('error', () => {
    finish(false);
    res.destroy();
  });
  req.on('data', (chunk: Buffer) => {
    requestChunks.push(chunk);
    outgoing.write(chunk);
  });
  req.on('end', () => outgoing.end());
  res.on('close', () => {
    if (!res.writableFinished) outgoing.destroy();
  });
}
