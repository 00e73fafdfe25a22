/** A tiny HTTP server on 127.0.0.1 for preflight tests: a route table of canned JSON answers. */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CannedAnswer {
  status: number;
  body: unknown;
}

/** Route key: "GET /api/version". A function sees the parsed request body. */
export type Routes = Record<string, CannedAnswer | ((body: unknown) => CannedAnswer)>;

export interface LoopbackServer {
  url: string;
  /** "METHOD /path" of every request received, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** Starts the server on a free loopback port; unknown routes answer 404. */
export async function startLoopbackServer(routes: Routes): Promise<LoopbackServer> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then((text) => {
      const key = `${req.method ?? 'GET'} ${req.url ?? '/'}`;
      requests.push(key);
      const route = routes[key];
      let body: unknown;
      try {
        body = text === '' ? undefined : JSON.parse(text);
      } catch {
        body = text;
      }
      const answer =
        route === undefined
          ? { status: 404, body: { error: 'not found' } }
          : typeof route === 'function'
            ? route(body)
            : route;
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A loopback URL where nothing listens (a server is started, then closed). */
export async function unusedLoopbackUrl(): Promise<string> {
  const server = await startLoopbackServer({});
  await server.close();
  return server.url;
}

async function readBody(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text;
}
