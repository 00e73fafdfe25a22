/** Aggregation of runs per (model, task, mode, rescue, Claude Code release): pure. */
import type { CompletedRun, Level, Mode, RunRecord, RunStatus } from '../core/run.ts';
import { measuredValue } from '../core/run.ts';
import { median, metricStats } from '../core/stats.ts';
import type { LevelDistribution, MetricStats, RunSummary, SummaryKey, TimingMetric } from './types.ts';

const levels: readonly Level[] = [1, 2, 3, 4, 5, 6];
const modeOrder: Record<Mode, number> = { raw: 0, agent: 1 };

/** Worse first: a tie in the modal status goes to the worse one. */
const statusSeverity: Record<RunStatus, number> = { infra_error: 0, timeout: 1, completed: 2 };

/** A stable string for a group key; the same key always gives the same string. */
export function summaryKeyId(key: SummaryKey): string {
  return JSON.stringify([key.model, key.task, key.mode, key.rescue, key.claudeCode]);
}

/** The group key of a run. */
export function summaryKeyOf(run: RunRecord): SummaryKey {
  return { model: run.model, task: run.task, mode: run.mode, rescue: run.rescue, claudeCode: run.claudeCode };
}

/** Orders keys by model, task, mode (raw first), rescue (off first). */
export function compareSummaryKeys(a: SummaryKey, b: SummaryKey): number {
  return (
    a.model.localeCompare(b.model) ||
    a.task.localeCompare(b.task) ||
    modeOrder[a.mode] - modeOrder[b.mode] ||
    Number(a.rescue) - Number(b.rescue) ||
    compareVersions(a.claudeCode, b.claudeCode)
  );
}

/** Claude Code releases in version order (2.1.85 before 2.1.328); null (raw runs) first. */
export function compareVersions(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  const parts = (v: string): number[] => v.split(/[.-]/).map((p) => Number.parseInt(p, 10) || 0);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i += 1) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.localeCompare(b);
}

/** Groups runs by (model, task, mode, rescue), in key order. */
export function groupRuns(runs: readonly RunRecord[]): Array<{ key: SummaryKey; runs: RunRecord[] }> {
  const groups = new Map<string, { key: SummaryKey; runs: RunRecord[] }>();
  for (const run of runs) {
    const key = summaryKeyOf(run);
    const id = summaryKeyId(key);
    const group = groups.get(id) ?? { key, runs: [] };
    group.runs.push(run);
    groups.set(id, group);
  }
  return [...groups.values()].sort((a, b) => compareSummaryKeys(a.key, b.key));
}

/**
 * Aggregates runs per (model, task, mode, rescue).
 *
 * - pass@1 = level-6 runs / graded attempts, where graded attempts are all runs except infra
 *   errors (a crashed backend says nothing about the model); a timeout is a failed attempt.
 * - pass@k = 1 when any graded attempt reached level 6, else 0 (k = graded attempts).
 * - Both are null when nothing was graded.
 * - Levels, modal level, test counts and timing statistics use the completed runs only.
 */
export function summarise(runs: readonly RunRecord[]): RunSummary[] {
  return groupRuns(runs).map(({ key, runs: group }) => summariseGroup(key, group));
}

function summariseGroup(key: SummaryKey, runs: readonly RunRecord[]): RunSummary {
  const completed = runs.filter((r): r is CompletedRun => r.status === 'completed');
  const timeouts = runs.filter((r) => r.status === 'timeout').length;
  const infraErrors = runs.filter((r) => r.status === 'infra_error').length;
  const graded = runs.length - infraErrors;
  const successes = completed.filter((r) => r.level === 6).length;
  const distribution = levelDistribution(completed);
  return {
    ...key,
    attempts: runs.length,
    completed: completed.length,
    timeouts,
    infraErrors,
    successes,
    passAt1: graded > 0 ? successes / graded : null,
    passAtK: graded > 0 ? (successes > 0 ? 1 : 0) : null,
    levels: distribution,
    modalLevel: modalLevel(distribution),
    modalStatus: modalStatus(runs),
    tests: medianTests(completed),
    metrics: timingStats(completed),
  };
}

function levelDistribution(runs: readonly CompletedRun[]): LevelDistribution {
  const counts: LevelDistribution = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 0 };
  for (const run of runs) counts[run.level] += 1;
  return counts;
}

function modalLevel(distribution: LevelDistribution): Level | null {
  let best: Level | null = null;
  // Ascending order with a strict comparison keeps the lower (worse) level on a tie.
  for (const level of levels) {
    const count = distribution[level];
    if (count > 0 && (best === null || count > distribution[best])) best = level;
  }
  return best;
}

function modalStatus(runs: readonly RunRecord[]): RunStatus {
  const counts: Record<RunStatus, number> = { completed: 0, timeout: 0, infra_error: 0 };
  for (const run of runs) counts[run.status] += 1;
  const byWorseFirst = (Object.keys(counts) as RunStatus[]).sort((a, b) => statusSeverity[a] - statusSeverity[b]);
  let best: RunStatus = byWorseFirst[0] as RunStatus;
  for (const status of byWorseFirst) if (counts[status] > counts[best]) best = status;
  return best;
}

function medianTests(runs: readonly CompletedRun[]): RunSummary['tests'] {
  if (runs.length === 0) return null;
  const pick = (f: (r: CompletedRun) => number): number => median(runs.map(f)) as number;
  return {
    model: { passed: pick((r) => r.tests.model.passed), total: pick((r) => r.tests.model.total) },
    reference: { passed: pick((r) => r.tests.reference.passed), total: pick((r) => r.tests.reference.total) },
  };
}

/** The number a run has for a timing metric, or null (wall time is always measured). */
export function timingValue(run: RunRecord, metric: TimingMetric): number | null {
  return metric === 'wallMs' ? run.metrics.wallMs : measuredValue(run.metrics[metric]);
}

function timingStats(runs: readonly RunRecord[]): Record<TimingMetric, MetricStats> {
  const stats = (metric: TimingMetric): MetricStats => metricStats(runs.map((r) => timingValue(r, metric)));
  return {
    ttftMs: stats('ttftMs'),
    decodeTokensPerSec: stats('decodeTokensPerSec'),
    serverDecodeTokensPerSec: stats('serverDecodeTokensPerSec'),
    prefillTokensPerSec: stats('prefillTokensPerSec'),
    wallMs: stats('wallMs'),
  };
}
