/** runs.csv: one flat row per run, for spreadsheets. */
import { stringify } from 'csv-stringify/sync';
import type { Measured, RunRecord } from '../core/run.ts';
import { fixableOf, measuredValue } from '../core/run.ts';
import { fixabilityLine } from './fixability-line.ts';
import type { BenchReport } from './types.ts';

const num = (m: Measured): number | null => measuredValue(m);
const done = <T>(r: RunRecord, f: (c: Extract<RunRecord, { status: 'completed' }>) => T): T | null =>
  r.status === 'completed' ? f(r) : null;

/** "ttftToolCallMs: no_tool_call; serverDecodeTokensPerSec: not_reported": why a metric is empty. */
function unavailable(run: RunRecord): string {
  return Object.entries(run.metrics)
    .flatMap(([name, value]) =>
      typeof value === 'object' && value !== null && 'unavailable' in value ? [`${name}: ${value.unavailable}`] : [],
    )
    .join('; ');
}

type Cell = string | number | null;

/** Column name → value; the order here is the column order of the file. */
const columns: ReadonlyArray<[string, (run: RunRecord, report: BenchReport) => Cell | boolean]> = [
  ['id', (r) => r.id],
  ['model', (r) => r.model],
  ['task', (r) => r.task],
  ['mode', (r) => r.mode],
  ['claude_code', (r) => r.claudeCode],
  ['attempt', (r) => r.attempt],
  ['rescue', (r) => r.rescue],
  ['status', (r) => r.status],
  ['level', (r) => done(r, (c) => c.level)],
  ['label', (r) => done(r, (c) => c.label)],
  ['kind', (r) => done(r, (c) => c.kind)],
  ['cause', (r) => (r.status === 'completed' ? null : r.cause)],
  // Empty where no fix applies or none was measured; true/false where one was.
  [
    'fixable',
    (r) =>
      r.status === 'completed' && ['measured', 'nothing_to_change'].includes(r.fixability.state)
        ? fixableOf(r.fixability)
        : null,
  ],
  ['fixability', (r) => done(r, (c) => fixabilityLine(c.level, c.fixability))],
  ['ttft_ms', (r) => num(r.metrics.ttftMs)],
  ['ttft_text_ms', (r) => num(r.metrics.ttftTextMs)],
  ['ttft_tool_call_ms', (r) => num(r.metrics.ttftToolCallMs)],
  ['decode_tps', (r) => num(r.metrics.decodeTokensPerSec)],
  ['server_decode_tps', (r) => num(r.metrics.serverDecodeTokensPerSec)],
  ['prefill_tps', (r) => num(r.metrics.prefillTokensPerSec)],
  ['load_ms', (r) => num(r.metrics.loadMs)],
  ['loads', (r) => r.metrics.loads],
  ['wall_ms', (r) => r.metrics.wallMs],
  ['queue_ms', (r) => r.metrics.queueMs],
  ['input_tokens', (r) => num(r.metrics.inputTokens)],
  ['output_tokens', (r) => num(r.metrics.outputTokens)],
  ['turns', (r) => r.metrics.turns],
  ['unavailable', (r) => unavailable(r) || null],
  ['caveats', (r) => r.metrics.caveats.join('; ') || null],
  ['thought_while_off', (r) => !r.thinking.requested && (r.thinking.turnsWithReasoning ?? 0) > 0],
  ['model_passed', (r) => done(r, (c) => c.tests.model.passed)],
  ['model_total', (r) => done(r, (c) => c.tests.model.total)],
  ['ref_passed', (r) => done(r, (c) => c.tests.reference.passed)],
  ['ref_total', (r) => done(r, (c) => c.tests.reference.total)],
  ['protocol_errors', (r) => r.protocolErrors.length],
  ['security_events', (r) => r.securityEvents.length],
  [
    'smoke_passed',
    (r) => done(r, (c) => (c.smokeChecks === null ? null : Object.values(c.smokeChecks).filter(Boolean).length)),
  ],
  ['deciding_evidence', (r) => r.evidence[0]?.quote ?? null],
  ['error_message', (r) => (r.status === 'completed' ? null : r.message)],
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
