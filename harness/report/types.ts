/** The report's types: `Static<>` of the TypeBox definitions in ./schema.ts (the one source of truth). */
export type {
  BenchReport,
  ClaudeCodeRelease,
  Environment,
  LevelDistribution,
  MetricStats,
  ReportSettings,
  RunSummary,
  ShardSettings,
  SummaryKey,
  TimingMetric,
} from './schema.ts';
export { reportSchemaVersion, timingMetrics } from './schema.ts';
