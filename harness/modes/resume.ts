/** Where a bench starts: from nothing, or with --resume from the runs an interrupted bench finished. */
import path from 'node:path';
import type { Logger } from '../core/context.ts';
import { HarnessError } from '../core/errors.ts';
import type { RunRecord } from '../core/run.ts';
import { readRunsJsonl } from '../report/jsonl.ts';
import type { Manifest } from './manifest.ts';
import { manifestDifferences, readManifest } from './manifest.ts';

export interface StartPoint {
  /** Runs already in runs.jsonl (their ids are skipped); empty for a new bench. */
  finished: RunRecord[];
  /** When the bench first started: the recorded start when resumed. */
  startedAt: string;
}

/**
 * A new bench starts empty. A resumed one must have been started with the same measured
 * settings, task definitions and Claude Code releases (else RESUME_MISMATCH, one line naming the
 * first differences); it keeps every complete line of runs.jsonl.
 */
export async function startPoint(
  resumeDir: string | null,
  reportDir: string,
  current: Manifest,
  logger: Logger,
): Promise<StartPoint> {
  if (resumeDir === null) return { finished: [], startedAt: current.startedAt };
  const recorded = await readManifest(reportDir);
  const diffs = manifestDifferences(recorded, current);
  if (diffs.length > 0) {
    throw new HarnessError(
      'RESUME_MISMATCH',
      `Cannot resume ${resumeDir}: ${diffs.slice(0, 3).join('; ')}. Rerun with the original flags, or start a new bench.`,
    );
  }
  const read = await readRunsJsonl(path.join(reportDir, 'runs.jsonl'));
  if (read.dropped > 0)
    logger.warn(`dropped ${read.dropped} incomplete line(s) from runs.jsonl; those runs will be redone`);
  return { finished: read.runs, startedAt: recorded.startedAt };
}
