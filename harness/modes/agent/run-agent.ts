/**
 * One agent-mode run: the real Claude Code CLI on a task through the harness proxy, graded,
 * labelled, and — for a failing run whose fix can be measured — the fix measured
 * (modes/fixability.ts: a rescued rerun, or the repair of the written files).
 */
import type { Fixability, RunRecord } from '../../core/run.ts';
import { loadAliasTables } from '../../proxy/alias-tables.ts';
import { classifyAgent } from '../../taxonomy/classify-agent.ts';
import { smokeChecks } from '../../taxonomy/smoke-checks.ts';
import type { RunContext } from '../context.ts';
import { measureRepair, planFix, rescueFixability } from '../fixability.ts';
import type { RecordBase } from '../run-record.ts';
import { completedRecord, failedRecord } from '../run-record.ts';
import type { AttemptResult } from './agent-attempt.ts';
import { runAgentAttempt } from './agent-attempt.ts';
import type { ToolNameMapper } from './collect-evidence.ts';
import { fileCorruption } from './file-corruption.ts';
import { recordProtocolErrors, supportingEvidence } from './record-evidence.ts';
import { rerunRescued } from './rescue-rerun.ts';
import { toolNameMapper } from './tool-name-mapper.ts';

/** Run ctx.task once in agent mode and return its record (never throws for a model failure). */
export async function runAgentOnce(ctx: RunContext): Promise<RunRecord> {
  const startedAt = new Date().toISOString();
  const mapToolName = toolNameMapper(await loadAliasTables());
  const attempt = await runAgentAttempt(ctx, {
    sessionId: ctx.runId,
    rescue: ctx.rescue,
    runDir: ctx.runDir,
    mapToolName,
  });
  const base: RecordBase = {
    id: ctx.runId,
    model: ctx.model,
    task: ctx.task.id,
    mode: 'agent',
    claudeCode: ctx.claude?.version ?? null,
    attempt: ctx.attempt,
    rescue: ctx.rescue,
    metrics: attempt.metrics,
    thinking: { requested: ctx.settings.think, turnsWithReasoning: attempt.evidence.reasoningTurns },
    protocolErrors: recordProtocolErrors(attempt.evidence),
    securityEvents: attempt.securityEvents,
    artifacts: attempt.artifacts,
    exchangeIds: attempt.exchangeIds,
    startedAt,
  };
  if (attempt.status !== 'completed') {
    return failedRecord(base, attempt.cause, attempt.message, [
      ...attempt.causeEvidence,
      ...supportingEvidence(attempt.evidence, null),
    ]);
  }
  const fix = await measureFix(ctx, attempt, mapToolName);
  const { classification, evidence } = attempt;
  return completedRecord(
    { ...base, artifacts: { ...attempt.artifacts, ...fix.artifacts } },
    {
      classification,
      evidence: [...classification.deciding, ...supportingEvidence(evidence, classification)],
      tests: attempt.grade.tests,
      fixability: fix.fixability,
      smokeChecks: ctx.task.smokeChecks ? smokeChecks(evidence) : null,
    },
  );
}

async function measureFix(
  ctx: RunContext,
  attempt: Extract<AttemptResult, { status: 'completed' }>,
  mapToolName: ToolNameMapper,
): Promise<{ fixability: Fixability; artifacts: Record<string, string> }> {
  const plan = planFix(attempt.classification, { measure: ctx.settings.measureFixability, alreadyRescued: ctx.rescue });
  if ('settled' in plan) return { fixability: plan.settled, artifacts: {} };
  if (plan.method === 'rescue') {
    const rerun = await rerunRescued(ctx, mapToolName);
    return { fixability: rescueFixability(rerun), artifacts: rerun.artifacts };
  }
  // Classified again on the repaired files; what the repair cannot touch (the model's text) still counts.
  return measureRepair(ctx, {
    files: attempt.files,
    reclassify: (grade, repaired) =>
      classifyAgent({ ...attempt.evidence, tests: grade.tests, corruption: fileCorruption(repaired) }),
    nothingToChange: 'no stuttered names or leaked tokens in the written files',
  });
}
