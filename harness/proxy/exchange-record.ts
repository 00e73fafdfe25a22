/** Building the ExchangeRecord of one request, with credentials redacted. */
import type { ExchangeKind, ExchangeRecord, TurnTimings } from '../core/exchange.ts';
import { redactBody, redactHeaders } from './redact.ts';
import type { SessionState } from './sessions.ts';

/** What is known about a request when it arrives; `body` and `stream` are filled in once parsed. */
export interface ExchangeOrigin {
  readonly session: SessionState;
  /** Arrival order within the session. */
  readonly seq: number;
  readonly startedAt: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  /** The parsed body, or the raw text when it was not JSON. */
  body: unknown;
  stream: boolean;
}

/** Numbers a newly arrived request in its session. */
export function exchangeOrigin(session: SessionState, path: string, headers: Record<string, string>): ExchangeOrigin {
  return {
    session,
    seq: session.nextSeq++,
    startedAt: new Date().toISOString(),
    path,
    headers,
    body: null,
    stream: false,
  };
}

const noTimings: TurnTimings = {
  queueMs: 0,
  ttftMs: null,
  decodeTokensPerSec: null,
  firstTextMs: null,
  firstToolCallMs: null,
  responseMs: 0,
  lastTokenOffsetMs: null,
  deltaCount: 0,
};

export type ExchangeOutcome = Partial<
  Omit<ExchangeRecord, 'id' | 'sessionId' | 'seq' | 'startedAt' | 'kind' | 'request' | 'stream'>
>;

/** The record id of a request: `<session>-<seq>`. */
export function exchangeId(origin: ExchangeOrigin): string {
  return `${origin.session.id}-${origin.seq}`;
}

/** A complete record: `origin` plus whatever the handler learned, defaults for the rest. */
export function exchangeRecord(origin: ExchangeOrigin, kind: ExchangeKind, outcome: ExchangeOutcome): ExchangeRecord {
  return {
    id: exchangeId(origin),
    sessionId: origin.session.id,
    seq: origin.seq,
    startedAt: origin.startedAt,
    kind,
    route: outcome.route ?? 'local',
    stream: origin.stream,
    request: { path: origin.path, headers: redactHeaders(origin.headers), body: redactBody(origin.body) },
    upstream: outcome.upstream ?? null,
    response: outcome.response ?? null,
    error: outcome.error ?? null,
    stopReason: outcome.stopReason ?? null,
    stopDetail: outcome.stopDetail ?? null,
    usage: outcome.usage ?? { inputTokens: null, outputTokens: null },
    timings: outcome.timings ?? noTimings,
    serverTimings: outcome.serverTimings ?? null,
    toolCalls: outcome.toolCalls ?? [],
    rewrites: outcome.rewrites ?? [],
    leakedTokens: outcome.leakedTokens ?? [],
    clientAborted: outcome.clientAborted ?? false,
    reasoningChars: outcome.reasoningChars ?? 0,
    context: outcome.context ?? { state: 'unknown', reason: 'not_sent_upstream' },
    loop: outcome.loop ?? null,
  };
}
