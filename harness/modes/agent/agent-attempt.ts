/**
 * One run of the real Claude Code CLI on a task, through its own proxy session: scratch
 * directories, contained CLI process under the time limit, artifacts, grading, evidence and
 * classification. Fixability (a second attempt) is decided by the caller.
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ExchangeRecord, RewriteRecord } from '../../core/exchange.ts';
import type { Classification, Evidence, InfraCause, RunMetrics, SecurityEvent } from '../../core/run.ts';
import { isSecretEnvName } from '../../grading/sandbox-env.ts';
import type { ExtractedFile, Grade, PytestRun } from '../../grading/types.ts';
import { copyDir } from '../../grading/workspace.ts';
import type { AgentEvidence } from '../../taxonomy/agent-evidence.ts';
import { classifyAgent } from '../../taxonomy/classify-agent.ts';
import type { ClaudeCli, RunContext } from '../context.ts';
import { contextCutEvidence } from '../context-cut.ts';
import { gradeRunFiles } from '../grade-run.ts';
import { runMetrics } from '../metrics.ts';
import { appendExchanges, emptyTests, rel } from '../run-record.ts';
import { claudeArgs, claudeEnv, runLimits } from './claude-command.ts';
import type { ClaudeStream } from './claude-stream.ts';
import { parseClaudeStream } from './claude-stream.ts';
import { judgeCliOutcome } from './cli-outcome.ts';
import type { EvidenceInput, ToolNameMapper, WorkspaceFile } from './collect-evidence.ts';
import { artifactRole, collectAgentEvidence, modelExchanges } from './collect-evidence.ts';
import { fileCorruption } from './file-corruption.ts';
import type { ProcessTreeResult } from './process-tree.ts';
import { runProcessTree } from './process-tree.ts';
import { resolveClaudeCli } from './resolve-claude.ts';
import type { AgentScratch } from './scratch.ts';
import { prepareScratch, removeScratch } from './scratch.ts';
import { parseHookLog } from './security-events.ts';
import { pythonFilesAsExtracted, readWorkspaceFiles } from './workspace-files.ts';

/** Name of the environment variable that marks every process of a run (for the tree kill). */
export const runMarkerEnv = 'LLM_BENCH_AGENT_RUN';
const KILL_GRACE_MS = 3000;

export interface AttemptOptions {
  /** Proxy session id (also the run id the attempt belongs to). */
  sessionId: string;
  rescue: boolean;
  /** Where this attempt's artifacts go. */
  runDir: string;
  mapToolName: ToolNameMapper;
}

interface AttemptCommon {
  metrics: RunMetrics;
  artifacts: Record<string, string>;
  exchangeIds: string[];
  securityEvents: SecurityEvent[];
  /** Evidence as far as it goes (no grade for timeouts and infrastructure errors). */
  evidence: AgentEvidence;
  /** What the proxy rewrote on the way (rescue, stripped fields). */
  rewrites: RewriteRecord[];
}

export type AttemptResult =
  | (AttemptCommon & { status: 'completed'; classification: Classification; grade: Grade; files: ExtractedFile[] })
  | (AttemptCommon & {
      status: 'timeout' | 'infra_error';
      cause: InfraCause;
      message: string;
      /** What shows the cause (the numbers of a cut prompt). */
      causeEvidence: Evidence[];
    });

/** The first failing cases (name: message), else the collection error, else the last line. */
export function failureExcerpt(run: PytestRun): string {
  const failing = run.cases.filter((c) => c.outcome === 'failed' || c.outcome === 'error');
  if (failing.length > 0)
    return failing
      .slice(0, 2)
      .map((c) => `${c.name}: ${(c.message ?? c.outcome).split('\n')[0]}`)
      .join(' | ');
  if (run.collectionError !== null) return run.collectionError;
  if (run.total > 0 && run.passed === run.total) return '';
  return run.stdout.trim().split('\n').at(-1) ?? '';
}

/** Run Claude Code once on ctx.task and grade and classify what it did. */
export async function runAgentAttempt(ctx: RunContext, options: AttemptOptions): Promise<AttemptResult> {
  const claude = ctx.claude ?? (await resolveClaudeCli(ctx.settings.claudeBin));
  await mkdir(options.runDir, { recursive: true });
  const scratch = await prepareScratch({
    runId: options.sessionId,
    pythonPath: ctx.python.path,
    nodeBin: process.execPath,
  });
  try {
    return await attemptIn(ctx, options, scratch, claude);
  } finally {
    await removeScratch(scratch);
  }
}

async function attemptIn(
  ctx: RunContext,
  options: AttemptOptions,
  scratch: AgentScratch,
  claude: ClaudeCli,
): Promise<AttemptResult> {
  const session = ctx.proxy.openSession({
    id: options.sessionId,
    rescue: options.rescue,
    contextTokens: ctx.serverContext?.tokens ?? null,
  });
  // A conversation the proxy stopped as a loop ends the CLI at once rather than at the time limit.
  const loopStop = new AbortController();
  session.onLoopStopped(() => loopStop.abort());
  const ran = await runClaude(ctx, options, { scratch, claude, baseUrl: session.baseUrl, stop: loopStop.signal });
  const exchanges = session.exchanges();
  const saved = await saveArtifacts(ctx, { ...ran.files, runDir: options.runDir, scratch, exchanges });
  const cut = contextCutEvidence(exchanges, ctx.serverContext?.fix ?? null);
  const timeoutSec = ctx.settings.timeoutSec;
  const outcome =
    cut === null
      ? judgeCliOutcome({ process: ran.proc, stream: ran.stream, stderr: ran.stderr, exchanges, timeoutSec })
      : ({ status: 'infra_error', cause: 'context_truncated', message: cut.message } as const);
  const evidenceBase = evidenceInput(ctx, options, { ran, exchanges, saved, workspace: scratch.workspace });
  const common = {
    metrics: runMetrics(modelExchanges(exchanges), ran.proc.wallMs),
    artifacts: saved.artifacts,
    exchangeIds: exchanges.map((e) => e.id),
    rewrites: exchanges.flatMap((e) => e.rewrites),
  };
  if (outcome.status === 'completed')
    return gradedAttempt(ctx, options.runDir, scratch.workspace, evidenceBase, common);
  const evidence = collectAgentEvidence({
    ...evidenceBase,
    tests: emptyTests(),
    testOutput: { model: '', reference: '' },
    corruption: [],
  });
  await writeEvidence(ctx, options.runDir, evidence, common.artifacts);
  const { status, cause, message } = outcome;
  const causeEvidence = cut?.evidence ?? [];
  return { ...common, status, cause, message, causeEvidence, evidence, securityEvents: evidence.securityEvents };
}

/** What Claude Code did: the finished process tree, its stream-json and its stderr. */
interface ClaudeRun {
  proc: ProcessTreeResult;
  stream: ClaudeStream;
  stderr: string;
  files: { streamFile: string; stderrFile: string };
}

/** Runs the Claude Code CLI contained in the scratch directories, under the time limit, against the session. */
async function runClaude(
  ctx: RunContext,
  options: AttemptOptions,
  input: { scratch: AgentScratch; claude: ClaudeCli; baseUrl: string; stop: AbortSignal },
): Promise<ClaudeRun> {
  const { scratch, claude, baseUrl, stop } = input;
  const streamFile = path.join(options.runDir, 'claude-stream.jsonl');
  const stderrFile = path.join(options.runDir, 'claude-stderr.txt');
  const limits = runLimits({ ...ctx.settings, tmpDir: scratch.tmpDir });
  const { home, binDir, settingsFile } = scratch;
  const { controls } = claude;
  const env = claudeEnv({
    parentEnv: process.env,
    baseUrl,
    model: ctx.model,
    home,
    binDir,
    controls,
    limits,
    isSecret: isSecretEnvName,
  });
  const args = claudeArgs({ prompt: ctx.task.prompt, model: ctx.model, settingsFile, controls, limits });
  ctx.logger.debug(`agent ${options.sessionId}: ${claude.bin} in ${scratch.workspace} via ${baseUrl}`);
  const proc = await runProcessTree({
    file: claude.bin,
    args,
    cwd: scratch.workspace,
    env,
    marker: { name: runMarkerEnv, value: `${options.sessionId}-${process.pid}` },
    timeoutMs: ctx.settings.timeoutSec * 1000,
    killGraceMs: KILL_GRACE_MS,
    stdoutFile: streamFile,
    stderrFile,
    clock: ctx.clock,
    stop,
  });
  if (proc.leftoverPids.length > 0)
    ctx.logger.debug(`agent ${options.sessionId}: killed ${proc.leftoverPids.length} leftover process(es)`);
  const stream = parseClaudeStream(await readFile(streamFile, 'utf8').catch(() => ''));
  const stderr = await readFile(stderrFile, 'utf8').catch(() => '');
  return { proc, stream, stderr, files: { streamFile, stderrFile } };
}

type EvidenceBase = Omit<EvidenceInput, 'tests' | 'testOutput' | 'corruption'>;

/** The evidence every attempt has, graded or not. */
function evidenceInput(
  ctx: RunContext,
  options: AttemptOptions,
  input: { ran: ClaudeRun; exchanges: readonly ExchangeRecord[]; saved: SavedArtifacts; workspace: string },
): EvidenceBase {
  const { ran, exchanges, saved, workspace } = input;
  const result = ran.stream.result;
  return {
    task: ctx.task,
    rescue: options.rescue,
    exchanges,
    stream: ran.stream,
    workspace,
    files: saved.workspaceFiles,
    hookRefusals: parseHookLog(saved.hookLog),
    ending: {
      terminalReason: result?.terminalReason ?? null,
      isError: result?.isError ?? true,
      exitCode: ran.proc.exitCode,
      result: result?.result ?? '',
    },
    wallMs: ran.proc.wallMs,
    timeLimitMs: ctx.settings.timeoutSec * 1000,
    mapToolName: options.mapToolName,
  };
}

/** Grades what the run left, then classifies it: a completed attempt. */
async function gradedAttempt(
  ctx: RunContext,
  runDir: string,
  workspace: string,
  evidenceBase: EvidenceBase,
  common: Omit<AttemptCommon, 'evidence' | 'securityEvents'>,
): Promise<AttemptResult> {
  const gradeDir = path.join(runDir, 'grading');
  const grade = await gradeRunFiles(ctx, workspace, gradeDir);
  common.artifacts.grading = rel(ctx, gradeDir);
  const files = pythonFilesAsExtracted(evidenceBase.files, ctx.task.artifacts);
  const evidence = collectAgentEvidence({
    ...evidenceBase,
    tests: grade.tests,
    testOutput: { model: failureExcerpt(grade.model), reference: failureExcerpt(grade.reference) },
    corruption: fileCorruption(files),
  });
  await writeEvidence(ctx, runDir, evidence, common.artifacts);
  const classification = classifyAgent(evidence);
  return {
    ...common,
    status: 'completed',
    classification,
    grade,
    files,
    evidence,
    securityEvents: evidence.securityEvents,
  };
}

interface SavedArtifacts {
  artifacts: Record<string, string>;
  hookLog: string;
  workspaceFiles: WorkspaceFile[];
}

/** Copy what the run left into its run directory; artifact paths relative to the report directory. */
async function saveArtifacts(
  ctx: RunContext,
  input: {
    runDir: string;
    scratch: AgentScratch;
    streamFile: string;
    stderrFile: string;
    exchanges: readonly ExchangeRecord[];
  },
): Promise<SavedArtifacts> {
  const { runDir, scratch } = input;
  const artifacts: Record<string, string> = {
    claudeStream: rel(ctx, input.streamFile),
    claudeStderr: rel(ctx, input.stderrFile),
    exchanges: rel(ctx, await appendExchanges(runDir, input.exchanges)),
  };
  const hookLog = await readFile(scratch.hookLog, 'utf8').catch(() => '');
  if (hookLog !== '') {
    await copyFile(scratch.hookLog, path.join(runDir, 'containment.jsonl'));
    artifacts.containment = rel(ctx, path.join(runDir, 'containment.jsonl'));
  }
  const filesDir = path.join(runDir, 'files');
  await copyDir(scratch.workspace, filesDir);
  artifacts.files = rel(ctx, filesDir);
  const workspaceFiles = await readWorkspaceFiles(scratch.workspace);
  for (const [role, key] of [
    ['implementation', 'implementation'],
    ['test', 'testFile'],
  ] as const) {
    const file = workspaceFiles.find((f) => artifactRole(f, ctx.task.artifacts) === role);
    if (file !== undefined) artifacts[key] = rel(ctx, path.join(filesDir, file.path));
  }
  return { artifacts, hookLog, workspaceFiles };
}

async function writeEvidence(
  ctx: RunContext,
  runDir: string,
  evidence: AgentEvidence,
  artifacts: Record<string, string>,
): Promise<void> {
  const file = path.join(runDir, 'evidence.json');
  await writeFile(file, `${JSON.stringify(evidence, null, 2)}\n`);
  artifacts.evidence = rel(ctx, file);
}
