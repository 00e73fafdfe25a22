/**
 * Asynchronous JSONL appends off the hot path: lines queue per file and are written in batches,
 * one write in flight per file, so records never interleave and the stream never waits on disk.
 */
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Logger } from '../core/context.ts';

export interface AppendQueue {
  /** Queues `line` (with its newline) for `file`. */
  append(file: string, line: string): void;
  /** Resolves when everything queued so far is on disk. */
  flush(): Promise<void>;
}

interface FileQueue {
  lines: string[];
  writing: Promise<void> | null;
  ready: boolean;
  failed: boolean;
}

/** A queue; write failures are logged once per file and never thrown at the proxy. */
export function createAppendQueue(logger: Logger): AppendQueue {
  const files = new Map<string, FileQueue>();

  const drain = async (file: string, queue: FileQueue): Promise<void> => {
    while (queue.lines.length > 0) {
      const batch = queue.lines.splice(0).join('');
      try {
        if (!queue.ready) {
          await mkdir(dirname(file), { recursive: true });
          queue.ready = true;
        }
        await appendFile(file, batch, 'utf8');
      } catch (error) {
        if (!queue.failed) logger.warn(`cannot write exchange log ${file}: ${(error as Error).message}`);
        queue.failed = true;
      }
    }
    queue.writing = null;
  };

  return {
    append(file, line) {
      let queue = files.get(file);
      if (queue === undefined) {
        queue = { lines: [], writing: null, ready: false, failed: false };
        files.set(file, queue);
      }
      queue.lines.push(line);
      queue.writing ??= drain(file, queue);
    },
    async flush() {
      await Promise.all([...files.values()].map((queue) => queue.writing));
    },
  };
}
