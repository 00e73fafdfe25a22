/**
 * Where finished exchanges go: the session's and the proxy's in-memory lists (full records), the
 * proxy-wide JSONL log and the session's own JSONL log (appended asynchronously, each file with
 * its large values stored once: core/exchange-log.ts).
 */
import type { Logger } from '../core/context.ts';
import type { ExchangeRecord } from '../core/exchange.ts';
import { createExchangeLogEncoder, type ExchangeLogEncoder } from '../core/exchange-log.ts';
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
  const encoders = new Map<string, ExchangeLogEncoder>();
  const append = (file: string, record: ExchangeRecord): void => {
    let encoder = encoders.get(file);
    if (encoder === undefined) {
      encoder = createExchangeLogEncoder();
      encoders.set(file, encoder);
    }
    queue.append(file, encoder.encode(record));
  };
  return {
    record(session, record) {
      session.records.push(record);
      all.push(record);
      if (logFile !== null) append(logFile, record);
      if (session.logFile !== null && session.logFile !== logFile) append(session.logFile, record);
    },
    all: () => all,
    flush: () => queue.flush(),
  };
}
