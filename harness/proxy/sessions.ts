/**
 * Sessions: a URL prefix `/s/<id>` routes a request to session `<id>`; requests without one belong
 * to "default". Each session keeps its own records, sequence numbers, rescue flag and log file.
 */
import { HarnessError } from '../core/errors.ts';
import type { ExchangeRecord } from '../core/exchange.ts';
import type { SessionOptions } from './types.ts';

export const defaultSessionId = 'default';
const validId = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export interface SessionState {
  readonly id: string;
  /** Overrides the proxy-wide rescue flag when set. */
  readonly rescue: boolean | undefined;
  readonly logFile: string | null;
  readonly records: ExchangeRecord[];
  /** Sequence number of the next exchange. */
  nextSeq: number;
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

/** An empty registry with the "default" session. */
export function createSessionRegistry(): SessionRegistry {
  const sessions = new Map<string, SessionState>();
  const create = (id: string, rescue: boolean | undefined, logFile: string | null): SessionState => {
    const session: SessionState = { id, rescue, logFile, records: [], nextSeq: 1 };
    sessions.set(id, session);
    return session;
  };
  create(defaultSessionId, undefined, null);

  return {
    forRequest: (id) => sessions.get(id) ?? create(id, undefined, null),
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
      return create(options.id, options.rescue, options.logFile ?? null);
    },
  };
}
