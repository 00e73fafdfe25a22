/** runs.csv: one flat row per run, for spreadsheets. */
import { stringify } from 'csv-stringify/sync';
import type { RunRecord } from '../core/run.ts';
import type { BenchReport } from './types.ts';

type Cell = string | number | null;

/** Column name → value; the order here is the column order of the file. */
const columns: ReadonlyArray<[string, (run: RunRecord, report: BenchReport) => Cell | boolean]> = [
  ['id', (r) => r.id],
  ['model', (r) => r.model],
  ['task', (r) => r.task],
  ['mode', (r) => r.mode],
  ['attempt', (r) => r.attempt],
  ['rescue', (r) => r.rescue],
  ['status', (r) => r.status],
  ['level', (r) => r.level],
  ['label', (r) => r.label],
  ['fixable', (r) => r.fixable],
  ['fixability', (r) => r.fixability?.summary ?? null],
  ['ttft_ms', (r) => r.metrics.ttftMs],
  ['decode_tps', (r) => r.metrics.decodeTokensPerSec],
  ['server_decode_tps', (r) => r.metrics.serverDecodeTokensPerSec],
  ['prefill_tps', (r) => r.metrics.prefillTokensPerSec],
  ['load_ms', (r) => r.metrics.loadMs],
  ['total_ms', (r) => r.metrics.totalMs],
  ['queue_ms', (r) => r.metrics.queueMs],
  ['input_tokens', (r) => r.metrics.inputTokens],
  ['output_tokens', (r) => r.metrics.outputTokens],
  ['turns', (r) => r.metrics.turns],
  ['model_passed', (r) => r.tests.model.passed],
  ['model_total', (r) => r.tests.model.total],
  ['ref_passed', (r) => r.tests.reference.passed],
  ['ref_total', (r) => r.tests.reference.total],
  ['repaired_ref_passed', (r) => r.testsAfterRepair?.reference.passed ?? null],
  ['repaired_ref_total', (r) => r.testsAfterRepair?.reference.total ?? null],
  ['protocol_errors', (r) => r.protocolErrors.length],
  ['security_events', (r) => r.securityEvents.length],
  ['smoke_passed', (r) => (r.smokeChecks === null ? null : Object.values(r.smokeChecks).filter(Boolean).length)],
  ['deciding_evidence', (r) => r.evidence[0]?.quote ?? null],
  ['error_code', (r) => r.error?.code ?? null],
  ['error_message', (r) => r.error?.message ?? null],
  ['started_at', (r) => r.startedAt],
  ['finished_at', (r) => r.finishedAt],
  ['scripted', (_r, report) => report.scripted],
];

/** The CSV header names, in file order. */
export const csvColumns: readonly string[] = columns.map(([name]) => name);

/** Renders runs.csv: a header row, then one row per run; null is an empty cell, booleans are true/false. */
export function renderCsv(report: BenchReport): string {
  const rows = report.runs.map((run) =>
    columns.map(([, value]) => {
      const cell = value(run, report);
      return typeof cell === 'boolean' ? String(cell) : (cell ?? '');
    }),
  );
  return stringify(rows, { header: true, columns: [...csvColumns] });
}
