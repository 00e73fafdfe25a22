/** Shared wording and number formats of the report writers: one place, so every writer agrees. */
import type { Label, RunRecord, RunStatus } from '../core/run.ts';
import type { BenchReport } from './types.ts';

export const labelWords: Record<Label, string> = {
  task_comprehension: 'task comprehension',
  tool_hallucination: 'tool hallucination',
  tool_name_mismatch: 'tool name mismatch',
  param_name_mismatch: 'parameter name mismatch',
  output_corruption: 'output corruption',
  success: 'success',
};

export const statusWords: Record<RunStatus, string> = {
  completed: 'completed',
  timeout: 'timeout',
  infra_error: 'infra error',
};

export const scriptedNotice =
  "Scripted backend — these numbers come from the harness's built-in scripted model server, not from a real model.";

/** Milliseconds as seconds with a fixed number of decimals ("0.27s"); "—" when missing. */
export function formatSeconds(ms: number | null | undefined, decimals = 2): string {
  return ms === null || ms === undefined ? '—' : `${(ms / 1000).toFixed(decimals)}s`;
}

/** A wall time: one decimal below ten seconds, whole seconds above ("4.5s", "113s"). */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  return ms < 10_000 ? formatSeconds(ms, 1) : `${Math.round(ms / 1000)}s`;
}

/** Tokens per second with one decimal; "—" when missing. */
export function formatRate(tokensPerSec: number | null | undefined): string {
  return tokensPerSec === null || tokensPerSec === undefined ? '—' : tokensPerSec.toFixed(1);
}

/** A fraction as a whole percentage; "—" when missing. */
export function formatPercent(fraction: number | null | undefined): string {
  return fraction === null || fraction === undefined ? '—' : `${Math.round(fraction * 100)}%`;
}

export function formatTests(count: { passed: number; total: number }): string {
  return `${count.passed}/${count.total}`;
}

/** "6 success", "3 tool name mismatch", or the status when the run has no level. */
export function formatOutcome(run: Pick<RunRecord, 'status' | 'level' | 'label'>): string {
  if (run.status !== 'completed' || run.level === null) return statusWords[run.status];
  return run.label === null ? `${run.level}` : `${run.level} ${labelWords[run.label]}`;
}

/** Cuts text to `max` characters on one line, with an ellipsis when cut. */
export function snippet(text: string, max = 80): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

/** True when the run produced an implementation file. */
export function producedCode(run: RunRecord): boolean {
  // Runners record artifacts.implementation only when the implementation file was produced.
  return typeof run.artifacts.implementation === 'string';
}

/** Which qualifiers a run needs to be told apart from the other runs of the report. */
export interface RunNaming {
  task: boolean;
  mode: boolean;
  attempt: boolean;
}

export function runNaming(report: BenchReport, options: { mode: boolean }): RunNaming {
  return {
    task: new Set(report.runs.map((r) => r.task)).size > 1,
    mode: options.mode,
    attempt: report.runs.some((r) => r.attempt > 1),
  };
}

/** "sim-typo · lru-cache · agent · #2 · rescue", with only the parts that tell runs apart. */
export function runName(run: RunRecord, naming: RunNaming): string {
  const parts = [run.model];
  if (naming.task) parts.push(run.task);
  if (naming.mode) parts.push(run.mode);
  if (naming.attempt) parts.push(`#${run.attempt}`);
  if (run.rescue) parts.push('rescue');
  return parts.join(' · ');
}

/** Runs in the report's model order, then task order, mode (raw first), rescue, attempt. */
export function orderedRuns(report: BenchReport): RunRecord[] {
  const modelIndex = new Map(report.settings.models.map((m, i) => [m, i]));
  const taskIndex = new Map(report.settings.tasks.map((t, i) => [t, i]));
  const position = (index: Map<string, number>, name: string): number => index.get(name) ?? Number.MAX_SAFE_INTEGER;
  return [...report.runs].sort(
    (a, b) =>
      position(modelIndex, a.model) - position(modelIndex, b.model) ||
      a.model.localeCompare(b.model) ||
      position(taskIndex, a.task) - position(taskIndex, b.task) ||
      a.task.localeCompare(b.task) ||
      (a.mode === b.mode ? 0 : a.mode === 'raw' ? -1 : 1) ||
      Number(a.rescue) - Number(b.rescue) ||
      a.attempt - b.attempt,
  );
}

/** Models in report order: settings first, then any only found in runs. */
export function orderedModels(report: BenchReport): string[] {
  return [...new Set([...report.settings.models, ...orderedRuns(report).map((r) => r.model)])].filter((m) =>
    report.runs.some((r) => r.model === m),
  );
}
