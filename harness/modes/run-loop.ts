/**
 * The run loop: every planned run not already finished, one after another, each appended to
 * runs.jsonl the moment it ends so an interrupted bench keeps it.
 */
import path from 'node:path';
import type { BenchSettings } from '../config/types.ts';
import type { Clock, Logger } from '../core/context.ts';
import type { RunRecord } from '../core/run.ts';
import type { ProxyHandle } from '../proxy/types.ts';
import { appendRunJsonl } from '../report/jsonl.ts';
import { runAgentOnce } from './agent/index.ts';
import type { GraderPython, KnownContext, RunContext } from './context.ts';
import type { PlannedRun } from './plan.ts';
import { settingsForTask } from './plan.ts';
import type { ProgressReporter, RunHeading } from './progress.ts';
import { outcomeText } from './progress.ts';
import { runRawOnce } from './raw/run-raw.ts';

export interface RunLoopDeps {
  settings: BenchSettings;
  proxy: ProxyHandle;
  python: GraderPython;
  reportDir: string;
  clock: Clock;
  logger: Logger;
  progress: ProgressReporter;
  /** The server's context for a model when the preflight knew it. */
  serverContext(model: string): KnownContext | null;
  /** Called once a run is on disk, with its model (reads a loaded model's facts once). */
  afterRun(model: string): Promise<void>;
}

/** Runs the plan, skipping ids in `finished`; returns the finished runs followed by the new ones. */
export async function runPlan(
  plan: readonly PlannedRun[],
  finished: readonly RunRecord[],
  deps: RunLoopDeps,
): Promise<RunRecord[]> {
  const done = new Set(finished.map((r) => r.id));
  const runs: RunRecord[] = [...finished];
  const jsonl = path.join(deps.reportDir, 'runs.jsonl');
  for (const [i, item] of plan.entries()) {
    const heading = headingOf(item, i + 1, plan.length, deps.settings.rescue);
    if (done.has(item.id)) {
      deps.progress.note(`[${heading.index}/${heading.total}] ${item.id} already done (resumed)`);
      continue;
    }
    deps.progress.start(heading);
    const t0 = deps.clock.now();
    const ctx = contextFor(item, deps);
    const record = item.mode === 'raw' ? await runRawOnce(ctx) : await runAgentOnce(ctx);
    runs.push(record);
    await appendRunJsonl(jsonl, record);
    await deps.afterRun(item.model);
    deps.progress.finish(heading, deps.clock.now() - t0, outcomeText(record));
  }
  return runs;
}

function headingOf(item: PlannedRun, index: number, total: number, rescue: boolean): RunHeading {
  const claudeCode = item.claude?.version ?? null;
  return {
    index,
    total,
    model: item.model,
    task: item.task.id,
    mode: item.mode,
    claudeCode,
    attempt: item.attempt,
    rescue,
  };
}

/** What the runner of one planned run is handed: an agent run gets its own release. */
function contextFor(item: PlannedRun, deps: RunLoopDeps): RunContext {
  return {
    runId: item.id,
    model: item.model,
    task: item.task,
    attempt: item.attempt,
    rescue: deps.settings.rescue,
    serverContext: deps.serverContext(item.model),
    settings: settingsForTask(deps.settings, item.task),
    proxy: deps.proxy,
    python: deps.python,
    runDir: path.join(deps.reportDir, 'runs', item.id),
    reportDir: deps.reportDir,
    claude: item.claude,
    clock: deps.clock,
    logger: deps.logger,
  };
}
