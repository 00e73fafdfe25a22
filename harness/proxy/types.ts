/**
 * The proxy's public contract: what the CLI (`pnpm bench proxy`), the raw runner and the agent
 * runner use. One Anthropic Messages endpoint downstream, one upstream dialect.
 */
import type { DialectKind, DialectSettings } from '../backends/types.ts';
import type { Clock, Logger } from '../core/context.ts';
import type { ExchangeRecord } from '../core/exchange.ts';

/** Where Claude Code's background requests (haiku-class models, titles, quota probes) go. */
export type HousekeepingRoute =
  | { kind: 'local' } // answered by the proxy itself
  | { kind: 'model' } // sent to the model under test
  | { kind: 'upstream_model'; model: string }; // sent to another (small) model on the same backend

export interface ProxyOptions {
  dialect: DialectKind;
  /** Upstream base URL, e.g. http://localhost:11434. */
  baseUrl: string;
  settings: DialectSettings;
  /** Rewrite tool names/params and strip template tokens (off by default). */
  rescue: boolean;
  /** Upstream requests in flight at most (default 1). */
  maxConcurrency: number;
  /** SSE ping interval while the upstream is silent (default 10 s). */
  pingIntervalMs: number;
  housekeeping: HousekeepingRoute;
  /** JSONL log of every exchange; null keeps records in memory only. */
  logFile: string | null;
  /** 0 picks a free port. Always bound to 127.0.0.1. */
  port: number;
  /** Extra alias tables (JSON files) merged over the shipped ones. */
  aliasFiles?: readonly string[];
  clock?: Clock;
  logger?: Logger;
}

export interface SessionOptions {
  /** Becomes part of the URL path and of every record's sessionId. */
  id: string;
  /** Overrides the proxy-wide rescue setting for this session. */
  rescue?: boolean;
  /** Extra JSONL file that receives this session's records only. */
  logFile?: string | null;
}

export interface ProxySession {
  readonly id: string;
  /** Give this to clients as ANTHROPIC_BASE_URL: http://127.0.0.1:PORT/s/<id> */
  readonly baseUrl: string;
  exchanges(): readonly ExchangeRecord[];
}

export interface ProxyHandle {
  /** http://127.0.0.1:PORT (requests here belong to session "default"). */
  readonly url: string;
  readonly port: number;
  openSession(options: SessionOptions): ProxySession;
  /** Every record so far, all sessions. */
  exchanges(): readonly ExchangeRecord[];
  close(): Promise<void>;
}
