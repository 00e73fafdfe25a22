/**
 * The bench: resolve the tasks, the grader and the Claude Code releases, check --resume, start the
 * backend (the scripted server for --backend sim) and the proxy, preflight every model, run the
 * plan (model × mode × release × task × attempt), then write the report files. An interrupted
 * bench keeps every finished run in runs.jsonl; --resume finishes it.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { PreflightResult } from '../backends/index.ts';
import type { BenchSettings } from '../config/types.ts';
import type { Clock, Logger } from '../core/context.ts';
import { HarnessError } from '../core/errors.ts';
import { resolveGraderPython } from '../grading/python.ts';
import { defaultProxyOptions, startProxy } from '../proxy/index.ts';
import type { ProxyHandle } from '../proxy/types.ts';
import type { BenchReport } from '../report/types.ts';
import type { ReportFiles } from '../report/write-report.ts';
import type { SimServer } from '../sim/server.ts';
import { startSimServer } from '../sim/server.ts';
import { taskFingerprint } from '../tasks/load-task.ts';
import type { TaskDefinition } from '../tasks/types.ts';
import { claudeCacheRoot } from './agent/claude-releases/cache-root.ts';
import { resolveClaudeReleases } from './agent/claude-releases/resolve-releases.ts';
import { specFromLabel } from './agent/claude-releases/version-spec.ts';
import { benchEnvironment, writeBenchReport } from './bench-report.ts';
import type { ClaudeRelease, GraderPython, KnownContext } from './context.ts';
import { hostFacts } from './environment.ts';
import type { Manifest } from './manifest.ts';
import { buildManifest, writeManifest } from './manifest.ts';
import { modelFactsBook, preflightModels } from './model-preflight.ts';
import { planRuns, resolveTasks } from './plan.ts';
import type { ProgressReporter } from './progress.ts';
import { createProgress } from './progress.ts';
import { releaseNotes } from './release-notes.ts';
import type { StartPoint } from './resume.ts';
import { startPoint } from './resume.ts';
import { runPlan } from './run-loop.ts';

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
  files: ReportFiles;
  /** The Claude Code releases resolved for agent mode (empty without it); agent runs drive each. */
  claudeReleases: ClaudeRelease[];
}

/** Run a whole bench. Throws HarnessError for problems found before the first run. */
export async function runBench(input: BenchSettings, taskSelection: string, deps: BenchDeps): Promise<BenchResult> {
  const { clock, logger } = deps;
  const progress = deps.progress ?? createProgress(process.stderr);
  const fetchImpl = deps.fetchImpl ?? fetch;
  const prepared = await prepareBench(input, taskSelection, deps);
  const { reportDir, releases, manifest } = prepared;
  let sim: SimServer | null = null;
  let proxy: ProxyHandle | null = null;
  try {
    let settings = prepared.settings;
    if (settings.backend === 'sim') {
      sim = await startSimServer({ port: 0, flavour: settings.simServer });
      settings = { ...settings, baseUrl: sim.url };
      progress.note(
        `Scripted backend: the built-in sim server at ${sim.url} (${settings.dialect} dialect) — not a real model.`,
      );
    }
    const baseUrl = settings.baseUrl;
    if (baseUrl === null) throw new HarnessError('INTERNAL', `--backend ${settings.backend} has no base URL.`);
    const preflight = await preflightModels(settings, baseUrl, fetchImpl);
    await mkdir(reportDir, { recursive: true });
    if (settings.resumeDir === null) await writeManifest(reportDir, manifest);
    proxy = await startBenchProxy(settings, baseUrl, preflight, reportDir, deps);

    for (const line of releaseNotes(releases)) progress.note(line);
    const backend = { url: baseUrl, version: [...preflight.values()][0]?.version ?? null };
    const environment = await benchEnvironment(settings, backend, await hostFacts(), releases);
    const facts = modelFactsBook(preflight, { baseUrl, fetchImpl });
    const plan = planRuns(settings, prepared.tasks, releases);
    const runs = await runPlan(plan, prepared.start.finished, {
      settings,
      proxy,
      python: prepared.python,
      reportDir,
      clock,
      logger,
      progress,
      serverContext: (model) => knownContext(preflight.get(model)),
      afterRun: (model) => facts.afterRun(model),
    });
    const { report, files } = await writeBenchReport(reportDir, {
      settings,
      manifest,
      plan,
      runs,
      startedAt: prepared.start.startedAt,
      environment: { ...environment, models: facts.facts() },
    });
    return { report, reportDir, files, claudeReleases: releases };
  } finally {
    await proxy?.close();
    await sim?.close();
  }
}

interface PreparedBench {
  settings: BenchSettings;
  tasks: TaskDefinition[];
  reportDir: string;
  python: GraderPython;
  releases: ClaudeRelease[];
  manifest: Manifest;
  start: StartPoint;
}

/** Everything settled before a server starts: tasks, grader, releases, the manifest and where to start. */
async function prepareBench(input: BenchSettings, taskSelection: string, deps: BenchDeps): Promise<PreparedBench> {
  const startedAt = new Date().toISOString();
  const tasks = await resolveTasks(taskSelection);
  const settings: BenchSettings = { ...input, tasks: tasks.map((t) => t.id) };
  const reportDir = path.resolve(settings.outDir);
  const modules = [...new Set(tasks.flatMap((t) => t.pythonModules))];
  const python = await resolveGraderPython({ explicit: settings.python, modules });
  const releases = settings.modes.includes('agent')
    ? await resolveClaudeReleases(
        { specs: settings.claudeVersions.map(specFromLabel), explicitBin: settings.claudeBin },
        { cacheRoot: deps.claudeCacheRoot ?? claudeCacheRoot(process.env), logger: deps.logger },
      )
    : [];
  if (settings.modes.includes('agent') && releases.length === 0)
    throw new HarnessError(
      'CLAUDE_MISSING',
      'Agent mode needs the Claude Code CLI; run pnpm install or pass --claude-bin.',
    );
  const fingerprints: Record<string, string> = {};
  for (const task of tasks) fingerprints[task.id] = await taskFingerprint(task);
  const manifest = buildManifest(settings, fingerprints, releases, startedAt);
  const start = await startPoint(settings.resumeDir, reportDir, manifest, deps.logger);
  return { settings, tasks, reportDir, python, releases, manifest, start };
}

/** The harness proxy for this bench; rescue is per session (each run's own), so its default stays off. */
/** The context the preflight found for a model and its fix, when it could tell. */
function knownContext(preflight: PreflightResult | undefined): KnownContext | null {
  const context = preflight?.context;
  return context?.kind === 'known' ? { tokens: context.tokens, fix: context.fix } : null;
}

function startBenchProxy(
  settings: BenchSettings,
  baseUrl: string,
  preflight: ReadonlyMap<string, PreflightResult>,
  reportDir: string,
  deps: BenchDeps,
): Promise<ProxyHandle> {
  return startProxy(
    defaultProxyOptions({
      dialect: settings.dialect,
      baseUrl,
      // Every model is on the same server; its switches (thinking) are that server's own.
      settings: { numCtx: settings.numCtx, think: settings.think, server: [...preflight.values()][0]?.server },
      loopLimit: settings.loopLimit,
      logFile: path.join(reportDir, 'proxy.jsonl'),
      clock: deps.clock,
      logger: deps.logger,
    }),
  );
}
