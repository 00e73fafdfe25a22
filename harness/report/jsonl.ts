/** runs.jsonl: one RunRecord per line, appended as each run finishes so an interrupted bench keeps them. */
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunRecord } from '../core/run.ts';

/** Appends one run as one JSON line, creating the directory when needed. */
export async function appendRunJsonl(file: string, run: RunRecord): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await appendFile(file, `${JSON.stringify(run)}\n`, 'utf8');
}

export interface RunsJsonl {
  runs: RunRecord[];
  /** Lines that were not a JSON object with an id (a line cut short by an interrupted bench). */
  dropped: number;
}

/**
 * Reads runs.jsonl. A missing file is an empty list; a line that does not parse as a run (the
 * truncated last line of an interrupted bench) is dropped and counted, never thrown.
 */
export async function readRunsJsonl(file: string): Promise<RunsJsonl> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { runs: [], dropped: 0 };
    throw error;
  }
  return parseRunsJsonl(text);
}

/** The parsing half of readRunsJsonl, for text already in memory. */
export function parseRunsJsonl(text: string): RunsJsonl {
  const runs: RunRecord[] = [];
  let dropped = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const run = parseRunLine(line);
    if (run === null) dropped += 1;
    else runs.push(run);
  }
  return { runs, dropped };
}

function parseRunLine(line: string): RunRecord | null {
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    const record = value as Record<string, unknown>;
    if (typeof record.id !== 'string' || typeof record.model !== 'string' || typeof record.status !== 'string')
      return null;
    return value as RunRecord;
  } catch {
    return null;
  }
}
