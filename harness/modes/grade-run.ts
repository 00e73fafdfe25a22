/** Grading a run's files with the task's own limits: the one call both modes and the repair use. */

import { gradeFiles } from '../grading/grade.ts';
import type { Grade } from '../grading/types.ts';
import type { RunContext } from './context.ts';

/**
 * Grade the files in `sourceDir` (the grader copies them into a throwaway workspace of its own, so
 * the directory is left as it was) and write pytest's outputs under `outDir`.
 */
export function gradeRunFiles(ctx: RunContext, sourceDir: string, outDir: string): Promise<Grade> {
  return gradeFiles({
    task: ctx.task,
    sourceDir,
    python: ctx.python.path,
    outDir,
    timeoutSec: ctx.task.limits.pytestTimeoutSec,
  });
}
