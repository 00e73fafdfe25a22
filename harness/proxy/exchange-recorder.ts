/**
 * Where finished exchanges go: the session's and the proxy's in-memory lists, the proxy-wide
 * JSONL log and the session's own JSONL log (one line each, appended asynchronously).
 */
import type { Logger } from '../core/context.ts';
import type { ExchangeRecord } from '../core/exchange.ts';
import { createAppendQueue } from './append-queue.ts';
import type { SessionState } from './sessions.ts';

export interface ExchangeRecorder {
  record(session: SessionState, record: ExchangeRecord): void;
  all(): readonly ExchangeRecord[];
  /** Resolves when every record so far is on disk. */
  flush(): Promise<void>;
}

/** A recorder writing to `logFile` (null: memory only) and to each session's own file. */
export function createExchangeRecorder(logFile: string | null, logger: Logger): ExchangeRecorder {
  const queue = createAppendQueue(logger);
  const all: ExchangeRecord[] = [];
  return {
    record(session, record) {
      session.records.push(record);
      all.push(record);
      if (logFile === null && session.logFile === null) return;
      const line = `${JSON.stringify(record)}\n`;
      if (logFile !== null) queue.append(logFile, line);
      if (session.logFile !== null && session.logFile !== logFile) queue.append(session.logFile, line);
    },
    all: () => all,
    flush: () => queue.flush(),
  };
}
