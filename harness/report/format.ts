/** Shared wording and number formats of the report writers: one place, so every writer agrees. */
import type { FailureKind, Label, Level, Measured, RunRecord, RunStatus, UnavailableReason } from '../core/run.ts';
import { failureKinds, type infraCauses, levels } from '../core/run.ts';
import { compareVersions } from './summarise.ts';
import type { BenchReport } from './types.ts';

/** A metric's value: a number, a measured metric, or nothing. */
type Shown = Measured | number | null | undefined;

/** Why a metric has no value, in a few words for a table cell. */
export const unavailableWords: Record<UnavailableReason, string> = {
  not_reported: 'not reported',
  no_model_turn: 'no model turn',
  no_tokens: 'no tokens',
  one_token: 'one token',
  no_tool_call: 'no tool call',
  no_text: 'no text',
  not_recorded: 'not recorded',
};

/** The number, or null (with `reason` telling why when the metric said so). */
function numberOf(value: Shown): { n: number } | { reason: string | null } {
  if (typeof value === 'number') return { n: value };
  if (value === null || value === undefined) return { reason: null };
  return { reason: unavailableWords[value.unavailable] };
}

/** "—", or "— (not reported)" when the record says why there is no value. */
function missing(reason: string | null, withReason: boolean): string {
  return withReason && reason !== null ? `— (${reason})` : '—';
}

/** The words of a failure kind ("tool call written as text"). */
export function kindWords(kind: FailureKind): string {
  for (const level of levels) {
    const words = (failureKinds[level] as Record<string, string>)[kind];
    if (words !== undefined) return words;
  }
  return kind;
}

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

/** Milliseconds as seconds with a fixed number of decimals ("0.27s"); "—" (with why) when missing. */
export function formatSeconds(ms: Shown, decimals = 2, withReason = false): string {
  const value = numberOf(ms);
  return 'n' in value ? `${(value.n / 1000).toFixed(decimals)}s` : missing(value.reason, withReason);
}

/** A wall time: one decimal below ten seconds, whole seconds above ("4.5s", "113s"). */
export function formatDuration(ms: Shown, withReason = false): string {
  const value = numberOf(ms);
  if (!('n' in value)) return missing(value.reason, withReason);
  return value.n < 10_000 ? formatSeconds(value.n, 1) : `${Math.round(value.n / 1000)}s`;
}

/** Tokens per second with one decimal; "—" (with why) when missing. */
export function formatRate(tokensPerSec: Shown, withReason = false): string {
  const value = numberOf(tokensPerSec);
  return 'n' in value ? value.n.toFixed(1) : missing(value.reason, withReason);
}

/** A fraction as a whole percentage; "—" when missing. */
export function formatPercent(fraction: number | null | undefined): string {
  return fraction === null || fraction === undefined ? '—' : `${Math.round(fraction * 100)}%`;
}

export function formatTests(count: { passed: number; total: number }): string {
  return `${count.passed}/${count.total}`;
}

/** "6 success", "5 output corruption · tool call written as text", or "infra · context truncated". */
export function formatOutcome(run: RunRecord): string {
  if (run.status !== 'completed') return `${run.status === 'timeout' ? 'timeout' : 'infra'} · ${causeWords(run.cause)}`;
  return `${run.level} ${levelWords(run)}`;
}

/** "tool name mismatch", "output corruption · tool call written as text": the label, and the kind where the level has several. */
export function levelWords(run: Extract<RunRecord, { status: 'completed' }>): string {
  const kind = kindShown(run.level, run.kind);
  return kind === null ? labelWords[run.label] : `${labelWords[run.label]} · ${kind}`;
}

/** The words of a run's kind, or null when its level has only one kind (3 tool name, 6 success). */
export function kindShown(level: Level, kind: FailureKind): string | null {
  return Object.keys(failureKinds[level]).length === 1 ? null : kindWords(kind);
}

/** The words of an infrastructure cause ("context truncated"). */
export function causeWords(cause: keyof typeof infraCauses): string {
  return cause.replaceAll('_', ' ');
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
  /** The Claude Code release of agent runs: when they used more than one. */
  release: boolean;
  attempt: boolean;
}

/** `release` defaults to whether the agent runs used more than one release (a table with its own column passes false). */
export function runNaming(report: BenchReport, options: { mode: boolean; release?: boolean }): RunNaming {
  const releases = new Set(report.runs.filter((r) => r.mode === 'agent').map((r) => r.claudeCode));
  return {
    task: new Set(report.runs.map((r) => r.task)).size > 1,
    mode: options.mode,
    release: options.release ?? releases.size > 1,
    attempt: report.runs.some((r) => r.attempt > 1),
  };
}

/** "sim-typo · lru-cache · agent · cc 2.1.85 · #2 · rescue", with only the parts that tell runs apart. */
export function runName(run: RunRecord, naming: RunNaming): string {
  const parts = [run.model];
  if (naming.task) parts.push(run.task);
  if (naming.mode) parts.push(run.mode);
  if (naming.release && run.claudeCode !== null) parts.push(`cc ${run.claudeCode}`);
  if (naming.attempt) parts.push(`#${run.attempt}`);
  if (run.rescue) parts.push('rescue');
  return parts.join(' · ');
}

/** Runs in the report's model order, then task order, mode (raw first), rescue, Claude Code release, attempt. */
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
      compareVersions(a.claudeCode, b.claudeCode) ||
      a.attempt - b.attempt,
  );
}

/** Models in report order: settings first, then any only found in runs. */
export function orderedModels(report: BenchReport): string[] {
  return [...new Set([...report.settings.models, ...orderedRuns(report).map((r) => r.model)])].filter((m) =>
    report.runs.some((r) => r.model === m),
  );
}
