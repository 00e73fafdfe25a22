/**
 * The report as written to report.json. The JSON schema in ./schema/report.v1.json is the
 * authority; these types mirror it.
 */
import type { Level, Mode, RunRecord, RunStatus } from '../core/run.ts';

export const reportSchemaVersion = 1;

export interface Environment {
  host: string;
  os: string;
  arch: string;
  cpu: string;
  cpuCores: number;
  memoryGiB: number;
  node: string;
  harness: { version: string; gitSha: string | null };
  backend: { kind: string; dialect: string; url: string; version: string | null; scripted: boolean };
  /** Per model: digest, quantisation, parameter count, context size … as the backend reports them. */
  models: Record<string, Record<string, string | number | null>>;
  claudeCode: { version: string | null; path: string | null };
}

/** Settings that differed between merged shards, one entry per shard. */
export interface ShardSettings {
  host: string;
  settingsHash: string;
  /** The shard's own value of every setting that conflicted with the merged one. */
  conflicts: Record<string, unknown>;
}

export type ReportSettings = Record<string, unknown> & {
  tasks: string[];
  models: string[];
  modes: Mode[];
  backend: string;
  repeat: number;
  numCtx: number;
  maxTokens: number;
  temperature: number;
  rescue: boolean;
  settingsHash: string;
  /** Present on merged reports whose shards disagreed on settings other than models. */
  shards?: ShardSettings[];
};

export interface BenchReport {
  schemaVersion: 1;
  /** Harness name and version. */
  generator: { name: string; version: string };
  /** True when any run used the built-in scripted backend; every writer says so prominently. */
  scripted: boolean;
  startedAt: string;
  finishedAt: string;
  environment: Environment;
  /** Merged reports: one environment per host/shard. */
  hosts?: Environment[];
  settings: ReportSettings;
  runs: RunRecord[];
  /** Aggregated per (model, task, mode, rescue). */
  summary: RunSummary[];
}

export const timingMetrics = [
  'ttftMs',
  'decodeTokensPerSec',
  'serverDecodeTokensPerSec',
  'prefillTokensPerSec',
  'totalMs',
] as const;
export type TimingMetric = (typeof timingMetrics)[number];

/** Descriptive statistics of one metric over the runs where it was measured (nulls ignored). */
export interface MetricStats {
  n: number;
  median: number | null;
  /** 95th percentile, linear interpolation between closest ranks. */
  p95: number | null;
  /** Sample standard deviation (n − 1); null below two values. */
  stddev: number | null;
  min: number | null;
  max: number | null;
}

export interface SummaryKey {
  model: string;
  task: string;
  mode: Mode;
  rescue: boolean;
}

/** Level counts over the completed runs of a group. */
export type LevelDistribution = Record<`${Level}`, number>;

export interface RunSummary extends SummaryKey {
  /** Every run of the group, whatever its status. */
  attempts: number;
  completed: number;
  timeouts: number;
  infraErrors: number;
  /** Runs at level 6. */
  successes: number;
  /**
   * Per-attempt success rate: successes / (attempts − infra errors). Infra errors say nothing
   * about the model and are left out; timeouts count as failed attempts. Null when no attempt
   * was graded.
   */
  passAt1: number | null;
  /** 1 when any graded attempt succeeded, else 0 (k = the graded attempts); null as above. */
  passAtK: number | null;
  levels: LevelDistribution;
  /** Most frequent level among completed runs; a tie goes to the lower (worse) level. */
  modalLevel: Level | null;
  /** Most frequent status; a tie goes to the worse status (infra_error, then timeout). */
  modalStatus: RunStatus;
  /** Median test counts over the completed runs; null when none completed. */
  tests: { model: { passed: number; total: number }; reference: { passed: number; total: number } } | null;
  /** Timing statistics over the completed runs. */
  metrics: Record<TimingMetric, MetricStats>;
}
