export type { ChartFile } from './charts/render-charts.ts';
export { renderCharts } from './charts/render-charts.ts';
export type {
  ComparedSide,
  CompareOptions,
  Comparison,
  ComparisonEntry,
  ComparisonReason,
  MetricChange,
  ReportReference,
  Verdict,
} from './compare.ts';
export { compareReports, defaultNoiseThreshold, hasRegression, noiseThresholdFor } from './compare.ts';
export { renderConsoleSummary } from './console.ts';
export { csvColumns, renderCsv } from './csv.ts';
export { fixabilityLine } from './fixability-line.ts';
export type { RunsJsonl } from './jsonl.ts';
export { appendRunJsonl, parseRunsJsonl, readRunsJsonl } from './jsonl.ts';
export { renderMarkdown, scriptedBanner } from './markdown.ts';
export { mergeReports } from './merge.ts';
export { checkReadableVersion, migrateToCurrent } from './migrate.ts';
export type { ComparisonFormat } from './render-comparison.ts';
export { renderComparison } from './render-comparison.ts';
export { summarise, summaryKeyId } from './summarise.ts';
export type {
  BenchReport,
  Environment,
  LevelDistribution,
  MetricStats,
  ReportSettings,
  RunSummary,
  ShardSettings,
  SummaryKey,
  TimingMetric,
} from './types.ts';
export { reportSchemaVersion, timingMetrics } from './types.ts';
export type { ReadReport } from './validate.ts';
export { readReport, readReportFile, reportSchemaError, validateReport } from './validate.ts';
export type { ReportFiles } from './write-report.ts';
export { writeReportFiles } from './write-report.ts';
