/**
 * The bench loop: preflight, start the proxy (and the scripted server for --backend sim), run
 * every model × mode × task × attempt, append each finished run to runs.jsonl at once, then write
 * the report files. An interrupted bench keeps every finished run; --resume finishes it.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { PreflightResult } from '../backends/index.ts';
import { dialectFor } from '../backends/index.ts';
import { loadedModelFacts } from '../backends/shared/loaded-facts.ts';
import type { BenchSettings } from '../config/types.ts';
import type { Clock, Logger } from '../core/context.ts';
import { HarnessError } from '../core/errors.ts';
import type { RunRecord } from '../core/run.ts';
import { resolveGraderPython } from '../grading/python.ts';
import { defaultProxyOptions, sessionIdFor, startProxy } from '../proxy/index.ts';
import type { ProxyHandle } from '../proxy/types.ts';
import { appendRunJsonl, readRunsJsonl } from '../report/jsonl.ts';
import { summarise } from '../report/summarise.ts';
import type { BenchReport, Environment } from '../report/types.ts';
import { writeReportFiles } from '../report/write-report.ts';
import type { SimServer } from '../sim/server.ts';
import { startSimServer } from '../sim/server.ts';
import { listTaskIds, loadTask, taskFingerprint } from '../tasks/load-task.ts';
import type { TaskDefinition } from '../tasks/types.ts';
import { shortfallLines } from './agent/claude-controls/plan-controls.ts';
import { claudeCacheRoot } from './agent/claude-releases/cache-root.ts';
import { resolveClaudeReleases } from './agent/claude-releases/resolve-releases.ts';
import { specFromLabel } from './agent/claude-releases/version-spec.ts';
import { runAgentOnce } from './agent/index.ts';
import type { ClaudeCli, ClaudeRelease, RunContext } from './context.ts';
import { gitSha, type HostFacts, harnessVersion, hostFacts } from './environment.ts';
import { buildManifest, manifestDifferences, measuredSettings, readManifest, writeManifest } from './manifest.ts';
import type { ProgressReporter } from './progress.ts';
import { createProgress, outcomeText } from './progress.ts';
import { runRawOnce } from './raw/run-raw.ts';
import { releaseNotes } from './release-notes.ts';

export interface BenchDeps {
  clock: Clock;
  logger: Logger;
  progress?: ProgressReporter;
  fetchImpl?: typeof fetch;
  /** The per-user Claude Code release cache; claudeCacheRoot(process.env) by default. */
  claudeCacheRoot?: string;
}

export interface BenchResult {
  report: BenchReport;
  reportDir: string;
  files: { json: string; md: string; csv: string };
  /** The Claude Code releases resolved for agent mode (empty without it); the runs used the first. */
  claudeReleases: ClaudeRelease[];
}

/** Stable id of a run; also the key --resume uses to skip finished runs. */
export function runKey(model: string, task: string, mode: string, attempt: number, rescue: boolean): string {
  // Also the proxy session id: any model id (a GGUF path, say) must give a usable one.
  return sessionIdFor(`${model}__${task}__${mode}__a${attempt}${rescue ? '__rescue' : ''}`);
}

/** Resolve --task (all, one id, or a comma list) against the task folder. */
export async function resolveTasks(selection: string): Promise<TaskDefinition[]> {
  const ids = selection === 'all' ? await listTaskIds() : selection.split(',');
  return Promise.all(ids.map((id) => loadTask(id)));
}

/** Run a whole bench. Throws HarnessError for problems found before the first run. */
export async function runBench(input: BenchSettings, taskSelection: string, deps: BenchDeps): Promise<BenchResult> {
  const { clock, logger } = deps;
  const progress = deps.progress ?? createProgress(process.stderr);
  const fetchImpl = deps.fetchImpl ?? fetch;
  const startedAt = new Date().toISOString();
  const tasks = await resolveTasks(taskSelection);
  let settings: BenchSettings = { ...input, tasks: tasks.map((t) => t.id) };
  const reportDir = path.resolve(settings.outDir);

  const modules = [...new Set(tasks.flatMap((t) => t.pythonModules))];
  const python = await resolveGraderPython({ explicit: settings.python, modules });
  const claudeReleases = settings.modes.includes('agent')
    ? await resolveBenchReleases(settings, deps.claudeCacheRoot ?? claudeCacheRoot(process.env), logger)
    : [];
  const claude: ClaudeCli | null = claudeReleases[0] ?? null;

  const fingerprints: Record<string, string> = {};
  for (const task of tasks) fingerprints[task.id] = await taskFingerprint(task);
  const manifest = buildManifest(settings, fingerprints, startedAt);
  let finished: RunRecord[] = [];
  if (settings.resumeDir !== null) {
    const recorded = await readManifest(reportDir);
    const diffs = manifestDifferences(recorded, manifest);
    if (diffs.length > 0) {
      throw new HarnessError(
        'RESUME_MISMATCH',
        `Cannot resume ${settings.resumeDir}: ${diffs.slice(0, 3).join('; ')}. Rerun with the original flags, or start a new bench.`,
      );
    }
    const read = await readRunsJsonl(path.join(reportDir, 'runs.jsonl'));
    finished = read.runs;
    if (read.dropped > 0)
      logger.warn(`dropped ${read.dropped} incomplete line(s) from runs.jsonl; those runs will be redone`);
  }

  let sim: SimServer | null = null;
  let proxy: ProxyHandle | null = null;
  try {
    if (settings.backend === 'sim') {
      sim = await startSimServer({ port: 0 });
      settings = { ...settings, baseUrl: sim.url };
      progress.note(
        `Scripted backend: the built-in sim server at ${sim.url} (${settings.dialect} dialect) — not a real model.`,
      );
    }
    const baseUrl = settings.baseUrl as string;
    const preflight = await preflightModels(settings, baseUrl, fetchImpl);

    await mkdir(reportDir, { recursive: true });
    if (settings.resumeDir === null) await writeManifest(reportDir, manifest);
    // Rescue is per session (each run's own), so the proxy-wide default stays off.
    proxy = await startProxy(
      defaultProxyOptions({
        dialect: settings.dialect,
        baseUrl,
        // Every model is on the same server; its switches (thinking) are that server's own.
        settings: { numCtx: settings.numCtx, think: settings.think, server: Object.values(preflight)[0]?.server },
        logFile: path.join(reportDir, 'proxy.jsonl'),
        clock,
        logger,
      }),
    );

    for (const line of releaseNotes(claudeReleases)) progress.note(line);
    const version = Object.values(preflight)[0]?.version ?? null;
    const environment = await buildEnvironment(settings, baseUrl, await hostFacts(), version, claudeReleases);
    if (settings.modes.length === 1 && settings.modes[0] === 'agent' && claude === null) {
      throw new HarnessError(
        'CLAUDE_MISSING',
        'Agent mode needs the Claude Code CLI; run pnpm install or pass --claude-bin.',
      );
    }

    const plan = planRuns(settings, tasks);
    const factsRead = new Set<string>();
    const done = new Set(finished.map((r) => r.id));
    const runs: RunRecord[] = [...finished];
    const jsonl = path.join(reportDir, 'runs.jsonl');
    let index = 0;
    for (const item of plan) {
      index += 1;
      const heading = {
        index,
        total: plan.length,
        model: item.model,
        task: item.task.id,
        mode: item.mode,
        attempt: item.attempt,
        rescue: settings.rescue,
      };
      if (done.has(item.id)) {
        progress.note(`[${index}/${plan.length}] ${item.id} already done (resumed)`);
        continue;
      }
      const ctx: RunContext = {
        runId: item.id,
        model: item.model,
        task: item.task,
        attempt: item.attempt,
        rescue: settings.rescue,
        settings: settingsForTask(settings, item.task),
        proxy,
        python,
        runDir: path.join(reportDir, 'runs', item.id),
        reportDir,
        claude,
        clock,
        logger,
      };
      progress.start(heading);
      const t0 = clock.now();
      const record = item.mode === 'raw' ? await runRawOnce(ctx) : await runAgentOnce(ctx);
      runs.push(record);
      await appendRunJsonl(jsonl, record);
      await readLoadedFactsOnce(preflight, factsRead, item.model, { baseUrl, fetchImpl });
      progress.finish(heading, clock.now() - t0, outcomeText(record));
    }

    const report: BenchReport = {
      schemaVersion: 2,
      generator: { name: 'local-llm-claude-code-bench', version: environment.harness.version },
      scripted: settings.backend === 'sim',
      startedAt: settings.resumeDir !== null ? (await readManifest(reportDir)).startedAt : startedAt,
      finishedAt: new Date().toISOString(),
      environment: {
        ...environment,
        models: Object.fromEntries(Object.entries(preflight).map(([m, p]) => [m, p.facts])),
      },
      settings: { ...reportSettings(settings), settingsHash: manifest.settingsHash },
      runs: sortRuns(
        runs,
        plan.map((p) => p.id),
      ),
      summary: summarise(runs),
    };
    const files = await writeReportFiles(reportDir, report);
    return { report, reportDir, files, claudeReleases };
  } finally {
    await proxy?.close();
    await sim?.close();
  }
}

/** Preflight of every model: its facts, the context it really gets, and the refusals of runs that cannot work. */
async function preflightModels(
  settings: BenchSettings,
  baseUrl: string,
  fetchImpl: typeof fetch,
): Promise<Record<string, PreflightResult>> {
  const dialect = dialectFor(settings.dialect);
  const request = { agent: settings.modes.includes('agent'), think: settings.think, numCtx: settings.numCtx };
  const preflight: Record<string, PreflightResult> = {};
  for (const model of settings.models) preflight[model] = await dialect.preflight(baseUrl, model, fetchImpl, request);
  return preflight;
}

/** After a model's first run, once: the facts only a loaded model shows (Ollama /api/ps, LM Studio). */
async function readLoadedFactsOnce(
  preflight: Record<string, PreflightResult>,
  read: Set<string>,
  model: string,
  server: { baseUrl: string; fetchImpl: typeof fetch },
): Promise<void> {
  const before = preflight[model];
  if (read.has(model) || before === undefined) return;
  read.add(model);
  preflight[model] = { ...before, facts: await loadedModelFacts(before, server.baseUrl, model, server.fetchImpl) };
}

/** The releases --claude-version and --claude-bin name, installed and checked before any run. */
async function resolveBenchReleases(
  settings: BenchSettings,
  cacheRoot: string,
  logger: Logger,
): Promise<ClaudeRelease[]> {
  return resolveClaudeReleases(
    { specs: settings.claudeVersions.map(specFromLabel), explicitBin: settings.claudeBin },
    { cacheRoot, logger },
  );
}

/** The run's limits: the user's --timeout/--max-turns when given, else the task's own. */
export function settingsForTask(settings: BenchSettings, task: TaskDefinition): BenchSettings {
  return {
    ...settings,
    timeoutSec: settings.limitsGiven.timeout ? settings.timeoutSec : task.limits.agentTimeoutSec,
    maxTurns: settings.limitsGiven.maxTurns ? settings.maxTurns : task.limits.maxTurns,
  };
}

interface PlannedRun {
  id: string;
  model: string;
  task: TaskDefinition;
  mode: RunRecord['mode'];
  attempt: number;
}

/** Every run of the bench in order: per model, raw before agent, per task, per attempt. */
export function planRuns(settings: BenchSettings, tasks: readonly TaskDefinition[]): PlannedRun[] {
  const plan: PlannedRun[] = [];
  for (const model of settings.models) {
    for (const mode of settings.modes) {
      for (const task of tasks) {
        for (let attempt = 1; attempt <= settings.repeat; attempt += 1) {
          plan.push({ id: runKey(model, task.id, mode, attempt, settings.rescue), model, task, mode, attempt });
        }
      }
    }
  }
  return plan;
}

function sortRuns(runs: RunRecord[], order: string[]): RunRecord[] {
  const position = new Map(order.map((id, i) => [id, i]));
  return [...runs].sort((a, b) => (position.get(a.id) ?? 1e9) - (position.get(b.id) ?? 1e9));
}

function reportSettings(settings: BenchSettings): BenchReport['settings'] {
  // The measured settings, with the URL actually used (measuredSettings hides the sim's port).
  return { ...measuredSettings(settings), baseUrl: settings.baseUrl, settingsHash: '' };
}

async function buildEnvironment(
  settings: BenchSettings,
  baseUrl: string,
  host: HostFacts,
  version: string | null,
  releases: readonly ClaudeRelease[],
): Promise<Environment> {
  return {
    ...host,
    harness: { version: await harnessVersion(), gitSha: await gitSha() },
    backend: {
      kind: settings.backend,
      dialect: settings.dialect,
      url: baseUrl,
      version,
      scripted: settings.backend === 'sim',
    },
    // Filled from the preflight (and a loaded model's own facts) when the report is written.
    models: {},
    claudeCode: releases.map((r) => ({ version: r.version, path: r.bin, unsupported: shortfallLines(r.controls) })),
  };
}
