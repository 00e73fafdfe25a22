/**
 * Sessions: a URL prefix `/s/<id>` routes a request to session `<id>`; requests without one belong
 * to "default". Each session keeps its own records, sequence numbers, rescue flag and log file.
 */
import { createHash } from 'node:crypto';
import { HarnessError } from '../core/errors.ts';
import type { ExchangeRecord } from '../core/exchange.ts';
import { createLoopTracker, type LoopTracker } from './loop-tracker.ts';
import type { SessionOptions } from './types.ts';

export const defaultSessionId = 'default';
const validId = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export interface SessionState {
  readonly id: string;
  /** Overrides the proxy-wide rescue flag when set. */
  readonly rescue: boolean | undefined;
  readonly logFile: string | null;
  /** Overrides the proxy-wide context size when set (null: unknown for this session's model). */
  readonly contextTokens: number | null | undefined;
  readonly records: ExchangeRecord[];
  /** Sequence number of the next exchange. */
  nextSeq: number;
  /** Repeated turns and stopped conversations. */
  readonly loops: LoopTracker;
}

export interface SessionRegistry {
  /** The session for a request; ids never opened get a session with the proxy's defaults. */
  forRequest(id: string): SessionState;
  /** Opens a session explicitly; an id already in use is refused. */
  open(options: SessionOptions): SessionState;
}

/** True when `id` may be used as a session id (URL-safe, at most 128 characters). */
export function isValidSessionId(id: string): boolean {
  return validId.test(id);
}

const maxIdLength = 128;

/**
 * `text` made into a usable session id: characters a URL segment or folder name cannot carry
 * become "-", it starts with a letter or digit, and one longer than 128 keeps its head plus a
 * hash of the whole. A model id that is a file path (llama-server's default id is its `-m` path,
 * `../models/x.gguf` included) gives e.g. `models-..-x.gguf__lru-cache__raw__a1`.
 */
export function sessionIdFor(text: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '') || 'session';
  if (cleaned.length <= maxIdLength) return cleaned;
  const digest = createHash('sha256').update(text).digest('hex').slice(0, 8);
  return `${cleaned.slice(0, maxIdLength - digest.length - 1)}-${digest}`;
}

/** An empty registry with the "default" session; `loopLimit` repeats in a row stop a conversation (0: never). */
export function createSessionRegistry(loopLimit: number): SessionRegistry {
  const sessions = new Map<string, SessionState>();
  const create = (id: string, options: Omit<SessionOptions, 'id'> = {}): SessionState => {
    const session: SessionState = {
      ...{ id, rescue: options.rescue, logFile: options.logFile ?? null, contextTokens: options.contextTokens },
      records: [],
      nextSeq: 1,
      loops: createLoopTracker(loopLimit),
    };
    sessions.set(id, session);
    return session;
  };
  create(defaultSessionId);

  return {
    forRequest: (id) => sessions.get(id) ?? create(id),
    open(options) {
      if (!isValidSessionId(options.id)) {
        throw new HarnessError(
          'USAGE',
          `Session id "${options.id}" is not usable in a URL; use letters, digits, ".", "_" or "-" (at most 128).`,
        );
      }
      if (sessions.has(options.id)) {
        throw new HarnessError('USAGE', `Session "${options.id}" is already in use; give each run its own session id.`);
      }
      return create(options.id, options);
    },
  };
}
