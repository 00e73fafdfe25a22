/**
 * One raw-mode run: the task prompt as a single streamed request through the harness proxy,
 * code extracted from the answer, graded with pytest, labelled, and — at level 5 — repaired and
 * graded again to measure whether the deterministic repair fixes it (modes/fixability.ts).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ExchangeRecord } from '../../core/exchange.ts';
import type { MessagesRequest } from '../../core/messages.ts';
import type { CompletedRun, RunRecord } from '../../core/run.ts';
import { detectCorruption } from '../../grading/corruption.ts';
import { extractCodeBlocks } from '../../grading/extract-code.ts';
import { sortBlocks } from '../../grading/sort-blocks.ts';
import type { ExtractedFile, Grade } from '../../grading/types.ts';
import { writeFiles } from '../../grading/workspace.ts';
import { stripReasoningSpans } from '../../proxy/text-calls/index.ts';
import type { RawEvidence } from '../../taxonomy/classify-raw.ts';
import { classifyRaw } from '../../taxonomy/classify-raw.ts';
import type { RunContext } from '../context.ts';
import { contextCutEvidence } from '../context-cut.ts';
import { measureRepair, planFix } from '../fixability.ts';
import { gradeRunFiles } from '../grade-run.ts';
import { causeOfApiError } from '../infra-cause.ts';
import { metricsFromExchange } from '../metrics.ts';
import type { RecordBase } from '../run-record.ts';
import { appendExchanges, completedRecord, failedRecord, rel } from '../run-record.ts';
import type { StreamOutcome } from './stream-client.ts';
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
  const session = ctx.proxy.openSession({
    id: ctx.runId,
    rescue: ctx.rescue,
    contextTokens: ctx.serverContext?.tokens ?? null,
  });
  const t0 = ctx.clock.now();
  const signal = AbortSignal.timeout(ctx.settings.timeoutSec * 1000);
  const outcome = await streamMessages(session.baseUrl, rawRequest(ctx), signal);
  const wallMs = ctx.clock.now() - t0;
  const exchanges = session.exchanges();
  const exchange: ExchangeRecord | undefined = exchanges.filter((e) => e.kind === 'model').at(-1);
  const artifacts = await saveAnswer(ctx, exchanges, outcome);
  const base: RecordBase = {
    id: ctx.runId,
    model: ctx.model,
    task: ctx.task.id,
    mode: 'raw',
    claudeCode: null,
    attempt: ctx.attempt,
    rescue: ctx.rescue,
    metrics: metricsFromExchange(exchange, wallMs),
    thinking: { requested: ctx.settings.think, turnsWithReasoning: outcome.thinking.trim() === '' ? 0 : 1 },
    protocolErrors: [],
    securityEvents: [],
    artifacts,
    exchangeIds: exchanges.map((e) => e.id),
    startedAt,
  };
  if (outcome.kind === 'timed_out') {
    return failedRecord(base, 'time_limit', `no complete answer within ${ctx.settings.timeoutSec} s (--timeout)`);
  }
  if (outcome.kind === 'connection_error') {
    const cause = outcome.text === '' && outcome.thinking === '' ? 'backend_unreachable' : 'stream_interrupted';
    return failedRecord(base, cause, outcome.message);
  }
  if (outcome.kind === 'api_error') {
    // The proxy's record keeps the category the dialect gave the error; the client sees it without.
    const error = exchange?.error ?? outcome.error;
    return failedRecord(base, causeOfApiError(error), `${error.type}: ${error.message}`);
  }
  const cut = contextCutEvidence(exchanges, ctx.serverContext?.fix ?? null);
  if (cut !== null) return failedRecord(base, 'context_truncated', cut.message, cut.evidence);
  return gradeAnswer(ctx, base, outcome);
}

async function saveAnswer(
  ctx: RunContext,
  exchanges: readonly ExchangeRecord[],
  outcome: StreamOutcome,
): Promise<Record<string, string>> {
  const artifacts: Record<string, string> = {};
  artifacts.exchanges = rel(ctx, await appendExchanges(ctx.runDir, exchanges));
  await writeFile(path.join(ctx.runDir, 'raw-response.md'), outcome.text);
  artifacts.rawResponse = rel(ctx, path.join(ctx.runDir, 'raw-response.md'));
  if (outcome.thinking.length > 0) {
    await writeFile(path.join(ctx.runDir, 'thinking.txt'), outcome.thinking);
    artifacts.thinking = rel(ctx, path.join(ctx.runDir, 'thinking.txt'));
  }
  return artifacts;
}

type CompletedOutcome = Extract<StreamOutcome, { kind: 'completed' }>;
/** The answer as graded: text without reasoning markup, the markup kept apart. */
type Answer = CompletedOutcome & { markup: string[] };

/**
 * Extract, grade and classify the answer, then measure the repair when it applies. Reasoning the
 * server left in the text (`<think>…</think>`, harmony channel markers) is taken out before the
 * code is extracted, and recorded as corruption.
 */
async function gradeAnswer(ctx: RunContext, base: RecordBase, raw: CompletedOutcome): Promise<CompletedRun> {
  const { text, spans } = stripReasoningSpans(raw.text);
  const reasoning = spans.filter((s) => s.content === 'reasoning').map((s) => s.verbatim);
  const outcome: Answer = {
    ...raw,
    text,
    thinking: [raw.thinking, ...reasoning].join(''),
    markup: spans.map((s) => s.verbatim),
  };
  const blocks = extractCodeBlocks(outcome.text);
  const { files } = sortBlocks(ctx.task, blocks);
  const saved = await saveFiles(ctx, files);
  const artifacts = { ...base.artifacts, ...saved.artifacts };
  const gradeDir = path.join(ctx.runDir, 'grading');
  const grade = await gradeRunFiles(ctx, saved.dir, gradeDir);
  artifacts.grading = rel(ctx, gradeDir);
  const corruption = detectCorruption({ answerText: outcome.text, files, stopReason: outcome.stopReason, blocks });
  const classification = classifyRaw(rawEvidence(outcome, grade, files, corruption));
  const plan = planFix(classification, { measure: ctx.settings.measureFixability, alreadyRescued: ctx.rescue });
  const fix =
    'settled' in plan || plan.method !== 'repair'
      ? { fixability: 'settled' in plan ? plan.settled : { state: 'no_fix' as const }, artifacts: {} }
      : await measureRepair(ctx, {
          files,
          // The repaired files are judged on their own: what the repair cannot reach stays in them.
          reclassify: (g, repaired) =>
            classifyRaw(
              rawEvidence(
                outcome,
                g,
                repaired,
                detectCorruption({ answerText: '', files: repaired, stopReason: null, blocks: [] }),
              ),
            ),
          nothingToChange:
            outcome.stopReason === 'max_tokens'
              ? 'the answer was cut at max_tokens; no repair restores what was never written'
              : 'no stuttered names or leaked tokens to repair',
        });
  return completedRecord(
    { ...base, artifacts: { ...artifacts, ...fix.artifacts } },
    {
      classification,
      evidence: classification.deciding,
      tests: grade.tests,
      fixability: fix.fixability,
      smokeChecks: null,
    },
  );
}

function rawEvidence(
  outcome: Answer,
  grade: Grade,
  files: readonly ExtractedFile[],
  corruption: RawEvidence['corruption'],
): RawEvidence {
  return {
    answerText: outcome.text,
    thinkingText: outcome.thinking,
    stopReason: outcome.stopReason,
    files,
    tests: grade.tests,
    corruption,
    reasoningMarkup: outcome.markup,
    modelPytestOutput: grade.model.stdout,
    referencePytestOutput: grade.reference.stdout,
  };
}

/** The extracted files under <runDir>/files/ (where they are also graded from), and their artifact paths. */
async function saveFiles(
  ctx: RunContext,
  files: readonly ExtractedFile[],
): Promise<{ dir: string; artifacts: Record<string, string> }> {
  const filesDir = path.join(ctx.runDir, 'files');
  await writeFiles(filesDir, files);
  const artifacts: Record<string, string> = {};
  if (files.length > 0) artifacts.files = rel(ctx, filesDir);
  const implementation = files.find((f) => f.role === 'implementation');
  const testFile = files.find((f) => f.role === 'test');
  if (implementation) artifacts.implementation = rel(ctx, path.join(filesDir, implementation.path));
  if (testFile) artifacts.testFile = rel(ctx, path.join(filesDir, testFile.path));
  return { dir: filesDir, artifacts };
}
