/**
 * One agent-mode run: the real Claude Code CLI on a task through the harness proxy, graded,
 * labelled, and — for a failing run at level 3, 4 or 5 when asked — the fix measured.
 */
import type { RunRecord } from '../../core/run.ts';
import { labelForLevel } from '../../core/run.ts';
import { loadAliasTables } from '../../proxy/alias-tables.ts';
import { smokeChecks } from '../../taxonomy/smoke-checks.ts';
import type { RunContext } from '../context.ts';
import type { RecordBase } from '../run-record.ts';
import { infraRecord } from '../run-record.ts';
import { runAgentAttempt } from './agent-attempt.ts';
import type { FixabilityResult } from './fixability.ts';
import { fixMethodFor, measureRepair, measureRescue } from './fixability.ts';
import { recordProtocolErrors, supportingEvidence } from './record-evidence.ts';
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
    attempt: ctx.attempt,
    rescue: ctx.rescue,
    metrics: attempt.metrics,
    artifacts: attempt.artifacts,
    exchangeIds: attempt.exchangeIds,
    startedAt,
  };
  if (attempt.status !== 'completed') {
    const record = infraRecord(base, attempt.status, attempt.code, attempt.message);
    return {
      ...record,
      evidence: [...record.evidence, ...supportingEvidence(attempt.evidence, null)],
      protocolErrors: recordProtocolErrors(attempt.evidence),
      securityEvents: attempt.securityEvents,
    };
  }

  const { classification, evidence } = attempt;
  let fix: FixabilityResult | null = null;
  const method = fixMethodFor(classification.level);
  if (ctx.settings.measureFixability && method !== null && !(method === 'rescue' && ctx.rescue)) {
    fix =
      method === 'rescue'
        ? await measureRescue(ctx, classification.level, mapToolName)
        : await measureRepair(ctx, attempt.files, evidence);
  }
  return {
    ...base,
    artifacts: { ...attempt.artifacts, ...(fix?.artifacts ?? {}) },
    status: 'completed',
    level: classification.level,
    label: labelForLevel[classification.level],
    fixable: fix?.fixable ?? null,
    fixability: fix?.fixability ?? null,
    evidence: [...classification.deciding, ...supportingEvidence(evidence, classification)],
    tests: attempt.grade.tests,
    testsAfterRepair: fix?.testsAfterRepair ?? null,
    protocolErrors: recordProtocolErrors(evidence),
    smokeChecks: ctx.task.smokeChecks ? smokeChecks(evidence) : null,
    securityEvents: attempt.securityEvents,
    error: null,
    finishedAt: new Date().toISOString(),
  };
}
