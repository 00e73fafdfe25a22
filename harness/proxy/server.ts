/**
 * The proxy server: node:http on 127.0.0.1, Anthropic Messages downstream, one dialect upstream.
 * A handler that throws answers 500 (or an `error` event) and the server keeps serving.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import pLimit from 'p-limit';
import { dialectFor } from '../backends/index.ts';
import type { Dialect } from '../backends/types.ts';
import { silentLogger, systemClock } from '../core/context.ts';
import { HarnessError } from '../core/errors.ts';
import type { ExchangeKind } from '../core/exchange.ts';
import { loadAliasTables } from './alias-tables.ts';
import { apiError } from './api-error.ts';
import { handleCountTokens } from './count-tokens-route.ts';
import { type ExchangeOrigin, exchangeOrigin, exchangeRecord } from './exchange-record.ts';
import { createExchangeRecorder } from './exchange-recorder.ts';
import { type BodyRead, flatHeaders, readBody, sendError } from './http-io.ts';
import { handleHealth, handleModels } from './info-routes.ts';
import { handleMessages } from './messages-route.ts';
import { validateProxyOptions } from './options.ts';
import { resolveRoute } from './routes.ts';
import type { ProxyRuntime } from './runtime.ts';
import { createSchemaValidator } from './schema-validator.ts';
import { createSessionRegistry, defaultSessionId, isValidSessionId } from './sessions.ts';
import { sseFrame } from './sse.ts';
import type { ProxyHandle, ProxyOptions, ProxySession } from './types.ts';
import { createUpstreamClient } from './upstream-client.ts';

const host = '127.0.0.1';

/**
 * Starts the proxy. `dialect` defaults to the one named in `options.dialect` (tests pass their own).
 * Throws HarnessError USAGE for bad options or a busy port, CONFIG_INVALID for a bad alias file.
 */
export async function startProxy(
  options: ProxyOptions,
  dialect: Dialect = dialectFor(options.dialect),
): Promise<ProxyHandle> {
  validateProxyOptions(options);
  const logger = options.logger ?? silentLogger;
  const rt: ProxyRuntime = {
    options,
    clock: options.clock ?? systemClock,
    logger,
    dialect,
    upstream: createUpstreamClient(options.baseUrl),
    slots: pLimit(options.maxConcurrency),
    validator: createSchemaValidator(logger),
    aliases: await loadAliasTables(options.aliasFiles ?? []),
    recorder: createExchangeRecorder(options.logFile, logger),
  };
  const sessions = createSessionRegistry(options.loopLimit);
  const inFlight = new Set<Promise<void>>();

  const server = http.createServer({ noDelay: true, keepAliveTimeout: 30_000 }, (req, res) => {
    const task: Promise<void> = serve(rt, sessions, req, res)
      .catch((error: unknown) => answerCrash(rt, res, error))
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new HarnessError(
              'USAGE',
              `Port ${options.port} on ${host} is in use; stop what holds it or pass --port 0 for a free one.`,
              { cause: error },
            )
          : error,
      );
    });
    server.listen(options.port, host, () => resolve());
  });
  server.on('error', (error) => logger.warn(`proxy server error: ${error.message}`));

  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;
  const sessionHandle = (id: string): ProxySession => {
    const state = sessions.forRequest(id);
    return {
      id,
      baseUrl: id === defaultSessionId ? url : `${url}/s/${encodeURIComponent(id)}`,
      exchanges: () => state.records.slice(),
      onLoopStopped: (listener) => state.loops.onStopped(listener),
      loopStop: () => state.loops.firstStop(),
    };
  };

  return {
    url,
    port,
    openSession(sessionOptions) {
      sessions.open(sessionOptions);
      return sessionHandle(sessionOptions.id);
    },
    exchanges: () => rt.recorder.all().slice(),
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Open streams are cut: their upstream requests are aborted and their records written.
      server.closeAllConnections();
      await Promise.allSettled([...inFlight]);
      await closed;
      rt.upstream.close();
      await rt.recorder.flush();
    },
  };
}

async function serve(
  rt: ProxyRuntime,
  sessions: ReturnType<typeof createSessionRegistry>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  // A write to a client that already left must not become an unhandled 'error' event.
  res.on('error', () => {});
  const route = resolveRoute(req.method ?? 'GET', req.url ?? '/');
  if (route.route === null) {
    req.resume();
    const error = route.wrongMethod
      ? apiError('invalid_request_error', `${req.method ?? ''} is not supported on ${route.path}.`, 405)
      : apiError(
          'not_found_error',
          `No route ${req.method ?? ''} ${route.path}; the proxy serves POST /v1/messages, POST /v1/messages/count_tokens, GET /v1/models and GET /health.`,
        );
    sendError(res, error);
    return;
  }
  if (!isValidSessionId(route.sessionId)) {
    req.resume();
    sendError(
      res,
      apiError(
        'not_found_error',
        `Session id "${route.sessionId}" is not valid; use letters, digits, ".", "_" or "-".`,
      ),
    );
    return;
  }
  let body = '';
  if (req.method === 'POST') {
    let read: BodyRead;
    try {
      read = await readBody(req, rt.options.maxBodyBytes);
    } catch {
      res.destroy(); // the client left while sending its request: nobody to answer
      return;
    }
    if (read.kind === 'too_large') {
      const origin = exchangeOrigin(sessions.forRequest(route.sessionId), req.url ?? route.path, flatHeaders(req));
      refuseTooLarge(rt, origin, route.route === 'count_tokens' ? 'count_tokens' : 'model', read, res);
      return;
    }
    body = read.text;
  }
  const origin = exchangeOrigin(sessions.forRequest(route.sessionId), req.url ?? route.path, flatHeaders(req));
  switch (route.route) {
    case 'messages':
      await handleMessages(rt, origin, body, res);
      return;
    case 'count_tokens':
      await handleCountTokens(rt, origin, body, res);
      return;
    case 'models':
      handleModels(rt, origin, res);
      return;
    case 'health':
      handleHealth(rt, origin, res);
      return;
  }
}

/** 413 in the Anthropic shape; the connection closes after it, which ends the upload. */
function refuseTooLarge(
  rt: ProxyRuntime,
  origin: ExchangeOrigin,
  kind: ExchangeKind,
  read: Extract<BodyRead, { kind: 'too_large' }>,
  res: ServerResponse,
): void {
  const limitMb = Math.round(read.limit / (1024 * 1024));
  const error = apiError(
    'request_too_large',
    `Request body is larger than the proxy's ${limitMb} MB limit (Anthropic's own); ` +
      `it was not read past ${read.bytesRead} bytes.`,
  );
  res.setHeader('connection', 'close');
  sendError(res, error);
  origin.body = `[request body over ${read.limit} bytes, not recorded]`;
  rt.recorder.record(origin.session, exchangeRecord(origin, kind, { error }));
}

function answerCrash(rt: ProxyRuntime, res: ServerResponse, error: unknown): void {
  rt.logger.warn(`proxy handler failed: ${(error as Error)?.stack ?? String(error)}`);
  const failure = apiError('api_error', `Proxy internal error: ${(error as Error)?.message ?? String(error)}`);
  try {
    if (!res.headersSent) sendError(res, failure);
    else if (!res.writableEnded)
      res.end(sseFrame({ type: 'error', error: { type: failure.type, message: failure.message } }));
  } catch {
    res.destroy();
  }
}
