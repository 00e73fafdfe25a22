/**
 * The scripted model server: a loopback HTTP server that speaks Ollama's native API, Anthropic
 * Messages and OpenAI chat completions, answers with personas keyed by model name, and emits
 * tokens on an exact schedule so timing tests have ground truth.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock, Logger } from '../core/context.ts';
import { silentLogger, systemClock } from '../core/context.ts';
import { isRecord, tryParseJson } from '../core/json.ts';
import type { Answers } from './answers.ts';
import { loadAnswers } from './answers.ts';
import { loadedContext } from './context-window.ts';
import type { DialectAdapter } from './dialects/adapter.ts';
import { parseAnthropicRequest } from './dialects/anthropic-request.ts';
import { anthropicAdapter } from './dialects/anthropic-response.ts';
import { modelNotFoundMessage, sendDialectError } from './dialects/errors.ts';
import { parseOllamaRequest } from './dialects/ollama-request.ts';
import { ollamaAdapter } from './dialects/ollama-response.ts';
import { parseOpenAIRequest } from './dialects/openai-request.ts';
import { openaiAdapter } from './dialects/openai-response.ts';
import type { ParseResult } from './dialects/parse-result.ts';
import { answerChat } from './generate.ts';
import { readBody, sendJson, sendText } from './http-io.ts';
import type { LoadedModel } from './model-routes.ts';
import {
  keepAliveMs,
  llamaProps,
  modelList,
  ollamaLoaded,
  ollamaPs,
  ollamaShow,
  ollamaTags,
  simVersion,
} from './model-routes.ts';
import type { Persona } from './personas/registry.ts';
import { findPersona, listPersonas } from './personas/registry.ts';
import type { SimConversation, SimDialect, SimFlavour } from './types.ts';

export { listPersonas, personaTiming } from './personas/registry.ts';
export type { PersonaFacts, PersonaInfo, PersonaTiming, SimDialect, SimFlavour, SimMode } from './types.ts';
export { simFlavours } from './types.ts';

export interface SimServerOptions {
  /** 0 (default) picks a free port. The server always binds 127.0.0.1. */
  port?: number;
  logger?: Logger;
  /** Clock for `receivedAt` and the schedule (performance.now by default). */
  clock?: Clock;
  /**
   * Multiplies every wait: 1 (default) is real time, 0 sends everything at once. For behaviour
   * tests only — reported server timings always state the nominal schedule.
   */
  timeScale?: number;
  /**
   * Which real server to imitate where they differ (default `ollama`): thinking switches and their
   * defaults, and the facts endpoints (`/api/ps` for ollama, `/props` and `/v1/models` `meta` for
   * llama-server, `/v1/models` `max_model_len` for vllm).
   */
  flavour?: SimFlavour;
  /**
   * Imitate an Ollama from before the `truncate` request field (ollama/ollama#4967, #12061): a
   * prompt over the window is cut silently on /api/chat whatever the request says (default false).
   */
  ignoresTruncate?: boolean;
}

export interface SimRequestLog {
  method: string;
  /** Path without the query string. */
  path: string;
  /** The model named in the body, or null (GET requests, unparseable bodies). */
  model: string | null;
  /** When the request reached the server, on the server's clock (ms). */
  receivedAt: number;
  /** When its response finished or the client went away, or null while in flight. */
  finishedAt: number | null;
  dialect: SimDialect | null;
  status: number | null;
  /** The client went away before the response was complete. */
  clientAborted: boolean;
  /** Output tokens generated so far (chat requests); stops growing when the client goes away. */
  tokensGenerated: number;
}

export interface SimServer {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  close(): Promise<void>;
  /** Every request so far, in arrival order (snapshots). */
  requests(): readonly SimRequestLog[];
}

interface Deps {
  answers: Answers;
  clock: Clock;
  timeScale: number;
  logger: Logger;
  flavour: SimFlavour;
  ignoresTruncate: boolean;
  /** Models "in memory" by name, for /api/ps. */
  loaded: Map<string, LoadedModel>;
}

function dialectOfPath(path: string): SimDialect | null {
  if (path.startsWith('/api/')) return 'ollama';
  if (path.startsWith('/v1/messages')) return 'anthropic';
  if (path.startsWith('/v1/')) return 'openai';
  return null;
}

/** Starts the sim on 127.0.0.1. */
export async function startSimServer(options: SimServerOptions = {}): Promise<SimServer> {
  const deps: Deps = {
    answers: await loadAnswers(),
    clock: options.clock ?? systemClock,
    timeScale: options.timeScale ?? 1,
    logger: options.logger ?? silentLogger,
    flavour: options.flavour ?? 'ollama',
    ignoresTruncate: options.ignoresTruncate ?? false,
    loaded: new Map(),
  };
  const log: SimRequestLog[] = [];

  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const entry: SimRequestLog = {
      method: req.method ?? 'GET',
      path,
      model: null,
      receivedAt: deps.clock.now(),
      finishedAt: null,
      dialect: dialectOfPath(path),
      status: null,
      clientAborted: false,
      tokensGenerated: 0,
    };
    log.push(entry);
    const controller = new AbortController();
    res.on('close', () => {
      entry.finishedAt = deps.clock.now();
      entry.status = res.headersSent ? res.statusCode : null;
      if (!res.writableFinished) {
        entry.clientAborted = true;
        controller.abort();
      }
    });
    handle(req, res, entry, controller.signal, deps).catch((error: unknown) => {
      deps.logger.warn(`sim: ${entry.method} ${path} failed: ${(error as Error).message}`);
      if (!res.headersSent)
        sendDialectError(res, entry.dialect ?? 'ollama', 'internal', `sim internal error: ${(error as Error).message}`);
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  deps.logger.debug(`sim: listening on http://127.0.0.1:${port}`);

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests: () => log.map((entry) => ({ ...entry })),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Silent personas hold connections open forever; closing means ending them.
        server.closeAllConnections();
      }),
  };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  entry: SimRequestLog,
  signal: AbortSignal,
  deps: Deps,
): Promise<void> {
  const { method, path } = entry;
  deps.logger.debug(`sim: ${method} ${path}`);
  if (method === 'GET' && answerGet(req, res, path, deps)) return;
  if (method === 'POST') {
    if (path === '/api/show') return show(req, res, entry);
    if (path === '/api/chat') {
      const parse = (body: unknown) => {
        const parsed = parseOllamaRequest(body);
        if (!parsed.ok || !deps.ignoresTruncate) return parsed;
        return { ...parsed, conversation: { ...parsed.conversation, truncate: true } };
      };
      return chat(
        req,
        res,
        entry,
        signal,
        deps,
        parse,
        () => ollamaAdapter(),
        (extra, model) => (extra.loadOnly ? ollamaLoaded(model) : null),
      );
    }
    if (path === '/v1/messages') {
      const parse = (body: unknown) => parseAnthropicRequest(body, deps.flavour);
      return chat(req, res, entry, signal, deps, parse, () => anthropicAdapter());
    }
    if (path === '/v1/chat/completions') {
      const parse = (body: unknown) => parseOpenAIRequest(body, deps.flavour);
      return chat(req, res, entry, signal, deps, parse, (extra) => openaiAdapter({ includeUsage: extra.includeUsage }));
    }
  }
  // Includes /v1/messages/count_tokens: not served, so clients fall back to their own estimate.
  sendDialectError(res, entry.dialect ?? 'ollama', 'not_found', `${method} ${path} is not served by the sim`);
}

/** The GET routes: health, version, listings and the flavour's facts endpoints. False when none matched. */
function answerGet(req: IncomingMessage, res: ServerResponse, path: string, deps: Deps): boolean {
  const send = (body: unknown): true => {
    sendJson(res, 200, body);
    return true;
  };
  if (path === '/health') return send({ status: 'ok' });
  if (path === '/api/version') return send({ version: simVersion });
  if (path === '/api/tags') return send(ollamaTags(listPersonas()));
  if (path === '/v1/models') return send(modelList(listPersonas(), deps.flavour));
  if (path === '/api/ps' && deps.flavour === 'ollama') return send(ollamaPs(stillLoaded(deps)));
  if (path === '/props' && deps.flavour === 'llama-server') {
    const model = new URL(req.url ?? '/', 'http://sim').searchParams.get('model');
    const persona = findPersona(model ?? 'sim-correct');
    if (persona !== null) return send(llamaProps(persona));
  }
  if (path !== '/') return false;
  sendText(res, 200, 'Ollama is running');
  return true;
}

/** The models whose keep-alive has not run out, most recently used first. */
function stillLoaded(deps: Deps): LoadedModel[] {
  const now = Date.now();
  return [...deps.loaded.values()].filter((m) => m.expiresAt > now).sort((a, b) => b.expiresAt - a.expiresAt);
}

/** Notes that a request loaded the model, with the context it runs with. */
function noteLoaded(deps: Deps, persona: Persona, conversation: SimConversation): void {
  const contextLength = loadedContext(persona, conversation);
  deps.loaded.set(persona.name, { persona, contextLength, expiresAt: Date.now() + keepAliveMs });
}

async function show(req: IncomingMessage, res: ServerResponse, entry: SimRequestLog): Promise<void> {
  const body = await readJsonBody(req, res, 'ollama');
  if (body === undefined) return;
  const model = isRecord(body) ? (body.model ?? body.name) : undefined;
  if (typeof model !== 'string' || model === '')
    return sendDialectError(res, 'ollama', 'bad_request', 'model is required');
  entry.model = model;
  const persona = findPersona(model);
  if (persona === null)
    return sendDialectError(res, 'ollama', 'model_not_found', modelNotFoundMessage('ollama', model));
  sendJson(res, 200, ollamaShow(persona));
}

async function chat<Extra>(
  req: IncomingMessage,
  res: ServerResponse,
  entry: SimRequestLog,
  signal: AbortSignal,
  deps: Deps,
  parse: (body: unknown) => ParseResult<Extra>,
  adapterFor: (extra: Extra) => DialectAdapter,
  /** A body to answer with at once instead of generating, or null. */
  immediate: (extra: Extra, model: string) => unknown = () => null,
): Promise<void> {
  const dialect = entry.dialect as SimDialect;
  const body = await readJsonBody(req, res, dialect);
  if (body === undefined) return;
  if (isRecord(body) && typeof body.model === 'string') entry.model = body.model;
  const parsed = parse(body);
  if (!parsed.ok) return sendDialectError(res, dialect, 'bad_request', parsed.message);
  const { conversation } = parsed;
  const persona = findPersona(conversation.model);
  if (persona === null)
    return sendDialectError(res, dialect, 'model_not_found', modelNotFoundMessage(dialect, conversation.model));
  noteLoaded(deps, persona, conversation);
  const answer = immediate(parsed.extra, conversation.model);
  if (answer !== null) return sendJson(res, 200, answer);
  await answerChat({
    persona,
    conversation,
    adapter: adapterFor(parsed.extra),
    res,
    signal,
    receivedAt: entry.receivedAt,
    clock: deps.clock,
    timeScale: deps.timeScale,
    answers: deps.answers,
    onToken: () => {
      entry.tokensGenerated += 1;
    },
  });
}

/** The parsed body, or undefined after answering 400/413 in the dialect's shape. */
async function readJsonBody(req: IncomingMessage, res: ServerResponse, dialect: SimDialect): Promise<unknown> {
  const text = await readBody(req);
  if (text === null) {
    sendDialectError(res, dialect, 'too_large', 'request body too large');
    return undefined;
  }
  const parsed = tryParseJson(text);
  if (!parsed.ok) {
    sendDialectError(res, dialect, 'bad_request', `invalid JSON in request body: ${parsed.error}`);
    return undefined;
  }
  return parsed.value;
}
