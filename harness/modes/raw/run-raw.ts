/**
 * One raw-mode run: the task prompt as a single streamed request through the harness proxy,
 * code extracted from the answer, graded with pytest, labelled, and — at level 5 — repaired and
 * graded again to measure whether the deterministic repair fixes it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ExchangeRecord } from '../../core/exchange.ts';
import type { MessagesRequest } from '../../core/messages.ts';
import type { Evidence, RunRecord, TestResults } from '../../core/run.ts';
import { labelForLevel } from '../../core/run.ts';
import { detectCorruption } from '../../grading/corruption.ts';
import { extractCodeBlocks } from '../../grading/extract-code.ts';
import { gradeFiles } from '../../grading/grade.ts';
import { repairFiles } from '../../grading/repair.ts';
import { sortBlocks } from '../../grading/sort-blocks.ts';
import { createWorkspace, removeWorkspace, writeFiles } from '../../grading/workspace.ts';
import { classifyRaw } from '../../taxonomy/classify-raw.ts';
import type { RunContext } from '../context.ts';
import { metricsFromExchange } from '../metrics.ts';
import { appendExchanges, emptyTests, infraRecord, rel } from '../run-record.ts';
import { streamMessages } from './stream-client.ts';

/** The request raw mode sends: the task prompt, temperature and token limit from the settings. */
export function rawRequest(ctx: Pick<RunContext, 'model' | 'task' | 'settings'>): MessagesRequest {
  return {
    model: ctx.model,
    max_tokens: ctx.settings.maxTokens,
    temperature: ctx.settings.temperature,
    stream: true,
    messages: [{ role: 'user', content: ctx.task.prompt }],
  };
}

/** Run the task once in raw mode and return its record (never throws for a model failure). */
export async function runRawOnce(ctx: RunContext): Promise<RunRecord> {
  const startedAt = new Date().toISOString();
  await mkdir(ctx.runDir, { recursive: true });
  const session = ctx.proxy.openSession({ id: ctx.runId, rescue: ctx.rescue });
  const t0 = ctx.clock.now();
  const outcome = await streamMessages(
    session.baseUrl,
    rawRequest(ctx),
    AbortSignal.timeout(ctx.settings.timeoutSec * 1000),
  );
  const wallMs = ctx.clock.now() - t0;
  const exchanges = session.exchanges();
  const modelExchanges = exchanges.filter((e) => e.kind === 'model');
  const exchange: ExchangeRecord | undefined = modelExchanges[modelExchanges.length - 1];
  const artifacts: Record<string, string> = {};
  artifacts.exchanges = rel(ctx, await appendExchanges(ctx.runDir, exchanges));
  await writeFile(path.join(ctx.runDir, 'raw-response.md'), outcome.text);
  artifacts.rawResponse = rel(ctx, path.join(ctx.runDir, 'raw-response.md'));
  if (outcome.thinking.length > 0) {
    await writeFile(path.join(ctx.runDir, 'thinking.txt'), outcome.thinking);
    artifacts.thinking = rel(ctx, path.join(ctx.runDir, 'thinking.txt'));
  }
  const metrics = metricsFromExchange(exchange, wallMs);
  const base = {
    id: ctx.runId,
    model: ctx.model,
    task: ctx.task.id,
    mode: 'raw' as const,
    attempt: ctx.attempt,
    rescue: ctx.rescue,
    metrics,
    artifacts,
    exchangeIds: exchanges.map((e) => e.id),
    startedAt,
  };

  if (outcome.kind === 'timed_out') {
    return infraRecord(
      base,
      'timeout',
      'TIMEOUT',
      `no complete answer within ${ctx.settings.timeoutSec} s (--timeout)`,
    );
  }
  if (outcome.kind === 'connection_error') {
    return infraRecord(base, 'infra_error', 'CONNECTION', outcome.message);
  }
  if (outcome.kind === 'api_error') {
    return infraRecord(
      base,
      'infra_error',
      `HTTP_${outcome.error.status}`,
      `${outcome.error.type}: ${outcome.error.message}`,
    );
  }

  const blocks = extractCodeBlocks(outcome.text);
  const { files } = sortBlocks(ctx.task, blocks);
  const workspace = await createWorkspace('bench-raw-');
  try {
    await writeFiles(workspace, files);
    const filesDir = path.join(ctx.runDir, 'files');
    await writeFiles(filesDir, files);
    if (files.length > 0) artifacts.files = rel(ctx, filesDir);
    const implementation = files.find((f) => f.role === 'implementation');
    const testFile = files.find((f) => f.role === 'test');
    if (implementation) artifacts.implementation = rel(ctx, path.join(filesDir, implementation.path));
    if (testFile) artifacts.testFile = rel(ctx, path.join(filesDir, testFile.path));
    const gradeDir = path.join(ctx.runDir, 'grading');
    const grade = await gradeFiles({
      task: ctx.task,
      sourceDir: workspace,
      python: ctx.python.path,
      outDir: gradeDir,
      timeoutSec: ctx.task.limits.pytestTimeoutSec,
    });
    artifacts.grading = rel(ctx, gradeDir);
    const corruption = detectCorruption({ answerText: outcome.text, files, stopReason: outcome.stopReason, blocks });
    const classification = classifyRaw({
      answerText: outcome.text,
      thinkingText: outcome.thinking,
      stopReason: outcome.stopReason,
      files,
      tests: grade.tests,
      corruption,
      modelPytestOutput: grade.model.stdout,
      referencePytestOutput: grade.reference.stdout,
    });

    let testsAfterRepair: TestResults | null = null;
    let fixable: boolean | null = null;
    let fixability: RunRecord['fixability'] = null;
    const evidence: Evidence[] = [...classification.deciding];
    if (classification.level === 5 && ctx.settings.measureFixability) {
      const repaired = repairFiles(files);
      const repairedDir = await createWorkspace('bench-raw-repaired-');
      try {
        await writeFiles(repairedDir, repaired.files);
        await writeFiles(path.join(ctx.runDir, 'files-repaired'), repaired.files);
        const regrade = await gradeFiles({
          task: ctx.task,
          sourceDir: repairedDir,
          python: ctx.python.path,
          outDir: path.join(ctx.runDir, 'grading-repaired'),
          timeoutSec: ctx.task.limits.pytestTimeoutSec,
        });
        testsAfterRepair = regrade.tests;
        fixable = allPass(regrade.tests);
        const after = fixable ? 6 : 5;
        fixability = {
          method: 'repair',
          levelBefore: 5,
          levelAfter: after,
          testsAfter: regrade.tests,
          summary: fixable
            ? `level 5 → 6 with repair (${describeChanges(repaired.changes)})`
            : `not fixable: still level 5 after repair (${describeChanges(repaired.changes)})`,
        };
        for (const change of repaired.changes.slice(0, 5)) {
          evidence.push({
            kind: `repair_${change.kind}`,
            quote: `${change.before} → ${change.after}`,
            shows: `the repair changed ${change.file}${change.line ? ` line ${change.line}` : ''}`,
            source: change.file,
          });
        }
      } finally {
        await removeWorkspace(repairedDir);
      }
    }
    return {
      ...base,
      status: 'completed',
      level: classification.level,
      label: labelForLevel[classification.level],
      fixable,
      fixability,
      evidence,
      tests: grade.tests,
      testsAfterRepair,
      protocolErrors: [],
      smokeChecks: null,
      securityEvents: [],
      error: null,
      finishedAt: new Date().toISOString(),
    };
  } finally {
    await removeWorkspace(workspace);
  }
}

function allPass(tests: TestResults): boolean {
  return (
    tests.model.total > 0 &&
    tests.model.passed === tests.model.total &&
    tests.reference.total > 0 &&
    tests.reference.passed === tests.reference.total
  );
}

function describeChanges(changes: readonly { kind: string }[]): string {
  if (changes.length === 0) return 'nothing to repair';
  const counts = new Map<string, number>();
  for (const c of changes) counts.set(c.kind, (counts.get(c.kind) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${n} ${k.replace('_', ' ')} fix${n > 1 ? 'es' : ''}`).join(', ');
}

export { emptyTests };
