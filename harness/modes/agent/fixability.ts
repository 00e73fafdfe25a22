/**
 * Proven fixability of a failing agent run, measured rather than assumed: levels 3 and 4 are
 * rerun in a new proxy session with the rescue on and classified again; level 5 gets the
 * deterministic repair on the workspace's files and is graded again.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Fixability, Level, TestResults } from '../../core/run.ts';
import { gradeFiles } from '../../grading/grade.ts';
import { repairFiles } from '../../grading/repair.ts';
import type { ExtractedFile, RepairChange } from '../../grading/types.ts';
import { createWorkspace, removeWorkspace, writeFiles } from '../../grading/workspace.ts';
import type { AgentEvidence } from '../../taxonomy/agent-evidence.ts';
import { classifyAgent } from '../../taxonomy/classify-agent.ts';
import type { RunContext } from '../context.ts';
import { rel } from '../run-record.ts';
import type { AttemptResult } from './agent-attempt.ts';
import { runAgentAttempt } from './agent-attempt.ts';
import type { ToolNameMapper } from './collect-evidence.ts';
import { fileCorruption } from './file-corruption.ts';

export interface FixabilityResult {
  fixability: Fixability;
  /** True only when the fix reached level 6. */
  fixable: boolean;
  testsAfterRepair: TestResults | null;
  artifacts: Record<string, string>;
}

/** Which fix applies to a level, if any. */
export function fixMethodFor(level: Level): Fixability['method'] | null {
  if (level === 3 || level === 4) return 'rescue';
  if (level === 5) return 'repair';
  return null;
}

/** The one-line summary the report shows. */
export function fixabilitySummary(
  method: Fixability['method'],
  before: Level,
  after: Level | null,
  detail = '',
): string {
  const how = method === 'rescue' ? 'with rescue' : 'with repair';
  const suffix = detail === '' ? '' : ` (${detail})`;
  if (after === 6) return `level ${before} → 6 ${how}${suffix}`;
  if (after === null)
    return `not measured: the ${method === 'rescue' ? 'rescued rerun' : 'repair'} did not finish${suffix}`;
  return after === before
    ? `not fixable: still level ${before} ${how}${suffix}`
    : `not fixable: level ${before} → ${after} ${how}${suffix}`;
}

/** The proxy session id of a run's rescued rerun (session ids are at most 128 URL-safe chars). */
export function rescueRerunId(runId: string): string {
  const suffix = '__rescue-rerun';
  if (runId.length + suffix.length <= 128) return `${runId}${suffix}`;
  const digest = createHash('sha256').update(runId).digest('hex').slice(0, 8);
  return `${runId.slice(0, 128 - suffix.length - 9)}-${digest}${suffix}`;
}

/** Rerun with the rescue on; the rerun's own artifacts go under <runDir>/rescue/. */
export async function measureRescue(
  ctx: RunContext,
  levelBefore: Level,
  mapToolName: ToolNameMapper,
): Promise<FixabilityResult> {
  const rerunId = rescueRerunId(ctx.runId);
  const runDir = path.join(ctx.runDir, 'rescue');
  const rerun: AttemptResult = await runAgentAttempt(ctx, { sessionId: rerunId, rescue: true, runDir, mapToolName });
  const levelAfter = rerun.status === 'completed' ? rerun.classification.level : null;
  const detail = rerun.status === 'completed' ? '' : `${rerun.status}: ${rerun.message}`;
  return {
    fixability: {
      method: 'rescue',
      levelBefore,
      levelAfter,
      testsAfter: rerun.status === 'completed' ? rerun.grade.tests : null,
      summary: fixabilitySummary('rescue', levelBefore, levelAfter, detail),
      rerunId,
    },
    fixable: levelAfter === 6,
    testsAfterRepair: null,
    artifacts: { rescueRerun: rel(ctx, runDir) },
  };
}

function describeChanges(changes: readonly RepairChange[]): string {
  if (changes.length === 0) return 'nothing to repair';
  const counts = new Map<string, number>();
  for (const c of changes) counts.set(c.kind, (counts.get(c.kind) ?? 0) + 1);
  return [...counts].map(([kind, n]) => `${n} ${kind.replace('_', ' ')} fix${n > 1 ? 'es' : ''}`).join(', ');
}

/** Repair the workspace's Python files and grade again; artifacts under files-repaired/ and grading-repaired/. */
export async function measureRepair(
  ctx: RunContext,
  files: readonly ExtractedFile[],
  evidence: AgentEvidence,
): Promise<FixabilityResult & { changes: RepairChange[] }> {
  const repaired = repairFiles(files);
  const dir = await createWorkspace('bench-agent-repaired-');
  try {
    await writeFiles(dir, repaired.files);
    const filesDir = path.join(ctx.runDir, 'files-repaired');
    await writeFiles(filesDir, repaired.files);
    const gradeDir = path.join(ctx.runDir, 'grading-repaired');
    const grade = await gradeFiles({
      task: ctx.task,
      sourceDir: dir,
      python: ctx.python.path,
      outDir: gradeDir,
      timeoutSec: ctx.task.limits.pytestTimeoutSec,
    });
    // Classified again on the repaired files; what the repair cannot touch (the model's text)
    // still counts.
    const levelAfter = classifyAgent({
      ...evidence,
      tests: grade.tests,
      corruption: fileCorruption(repaired.files),
    }).level;
    const fixable = levelAfter === 6;
    return {
      fixability: {
        method: 'repair',
        levelBefore: 5,
        levelAfter,
        testsAfter: grade.tests,
        summary: fixabilitySummary('repair', 5, levelAfter, describeChanges(repaired.changes)),
      },
      fixable,
      testsAfterRepair: grade.tests,
      artifacts: { filesRepaired: rel(ctx, filesDir), gradingRepaired: rel(ctx, gradeDir) },
      changes: repaired.changes,
    };
  } finally {
    await removeWorkspace(dir);
  }
}
