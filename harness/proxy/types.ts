/**
 * The proxy's public contract: what the CLI (`pnpm bench proxy`), the raw runner and the agent
 * runner use. One Anthropic Messages endpoint downstream, one upstream dialect.
 */
import type { DialectKind, DialectSettings } from '../backends/types.ts';
import type { Clock, Logger } from '../core/context.ts';
import type { ExchangeRecord } from '../core/exchange.ts';
import type { LoopStop } from './loop-tracker.ts';

export type { LoopStop } from './loop-tracker.ts';

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
  /**
   * A model turn repeating the one before it this many times in a row (same tool calls, or same
   * text) stops its conversation; a line or sentence repeated 4× this often inside one streamed
   * turn stops that turn. 0 turns stopping off (repeats are still recorded). Default 4.
   */
  loopLimit: number;
  /**
   * The upstream server's context size in tokens when known (the preflight reads it), for telling
   * a prompt the server cut from one it processed whole; null when unknown.
   */
  contextTokens: number | null;
  /** Request bodies larger than this are refused with 413 (default 32 MB, Anthropic's limit). */
  maxBodyBytes: number;
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
  /**
   * The server's context size for this session's model when known (preflight's `context.tokens`),
   * overriding the proxy-wide `contextTokens`: one proxy may serve several models.
   */
  contextTokens?: number | null;
}

export interface ProxySession {
  readonly id: string;
  /** Give this to clients as ANTHROPIC_BASE_URL: http://127.0.0.1:PORT/s/<id> */
  readonly baseUrl: string;
  exchanges(): readonly ExchangeRecord[];
  /**
   * Runs `listener` when the proxy stops a looping conversation of this session (at once if it
   * already did); the agent runner ends the CLI then. Later requests of that conversation get a
   * 400 error saying why.
   */
  onLoopStopped(listener: (stop: LoopStop) => void): void;
  /** The session's first loop stop, or null. */
  loopStop(): LoopStop | null;
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
