/**
 * Whether a failure is fixable — measured, never assumed — for both modes. The fix is applied
 * (the deterministic repair of the files, or a rerun with the proxy's rescue on), the result is
 * graded and classified again with the same classifier, and the record says what changed.
 */
import path from 'node:path';
import type { Classification, Fixability, FixOutcome } from '../core/run.ts';
import { repairFiles } from '../grading/repair.ts';
import type { ExtractedFile, Grade, RepairChange } from '../grading/types.ts';
import { writeFiles } from '../grading/workspace.ts';
import type { RunContext } from './context.ts';
import { gradeRunFiles } from './grade-run.ts';
import { rel } from './run-record.ts';

/** The fix that applies to a classification, or the final state when none is measured. */
export type FixPlan = { method: 'repair' | 'rescue' } | { settled: Fixability };

/** Level-5 kinds whose fix is the proxy's rescue (the call's format), not a repair of the files. */
const rescuedKinds: ReadonlySet<string> = new Set(['text_tool_call', 'truncated_tool_call', 'unparseable_tool_input']);

/**
 * What to measure: 6 needs nothing; 1–2 have no deterministic fix; 3–4 and the call-format kinds
 * of 5 are rerun with the rescue (agent mode only: raw answers have no tool calls); the rest of 5
 * gets the repair.
 */
export function planFix(
  classification: Classification,
  options: { measure: boolean; alreadyRescued: boolean },
): FixPlan {
  const { level, kind } = classification;
  if (level === 6) return { settled: { state: 'not_needed' } };
  if (level <= 2) return { settled: { state: 'no_fix' } };
  const method = level <= 4 || rescuedKinds.has(kind) ? 'rescue' : 'repair';
  if (!options.measure) return { settled: { state: 'not_measured', reason: 'disabled' } };
  if (method === 'rescue' && options.alreadyRescued)
    return { settled: { state: 'not_measured', reason: 'already_rescued' } };
  return { method };
}

/** "LRUCCache → LRUCache (lru_cache.py:12)", "<unused24> removed (lru_cache.py:3)". */
export function describeRepairChange(change: RepairChange): string {
  const what = change.after === '' ? `${change.before} removed` : `${change.before} → ${change.after}`;
  return `${what} (${change.file}:${change.line})`;
}

export interface RepairInput {
  files: readonly ExtractedFile[];
  /** Classify the repaired files again, with the mode's own classifier. */
  reclassify: (grade: Grade, files: readonly ExtractedFile[]) => Classification;
  /** Why a repair that changes nothing cannot help (e.g. the answer was cut at max_tokens). */
  nothingToChange: string;
}

/** Repair the files, grade and classify again; artifacts under files-repaired/ and grading-repaired/. */
export async function measureRepair(
  ctx: RunContext,
  input: RepairInput,
): Promise<{ fixability: Fixability; artifacts: Record<string, string> }> {
  const repaired = repairFiles(input.files);
  if (repaired.changes.length === 0) {
    return { fixability: { state: 'nothing_to_change', method: 'repair', why: input.nothingToChange }, artifacts: {} };
  }
  const filesDir = path.join(ctx.runDir, 'files-repaired');
  await writeFiles(filesDir, repaired.files);
  const gradeDir = path.join(ctx.runDir, 'grading-repaired');
  const grade = await gradeRunFiles(ctx, filesDir, gradeDir);
  const after: FixOutcome = {
    status: 'completed',
    level: input.reclassify(grade, repaired.files).level,
    tests: grade.tests,
  };
  return {
    fixability: { state: 'measured', method: 'repair', changes: repaired.changes.map(describeRepairChange), after },
    artifacts: { filesRepaired: rel(ctx, filesDir), gradingRepaired: rel(ctx, gradeDir) },
  };
}

/** How a rescued rerun ended, and the rewrites the rescue made in it ("write_file → Write"). */
export interface RescueRerun {
  rerunId: string;
  outcome: FixOutcome;
  rewrites: string[];
  artifacts: Record<string, string>;
}

/** The fixability a rescued rerun measured. */
export function rescueFixability(rerun: RescueRerun): Fixability {
  return {
    state: 'measured',
    method: 'rescue',
    changes: rerun.rewrites,
    after: rerun.outcome,
    rerunId: rerun.rerunId,
  };
}
