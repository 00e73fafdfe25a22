/**
 * Writes report.v2.json from the TypeBox definitions (`pnpm schema`). The JSON file is shipped
 * for readers outside this code base; a test fails when it differs from what this writes.
 * Sub-schemas used in several places are written once under `$defs` and referenced, so the file
 * reads like a hand-written schema; validation in the harness uses the same definitions inline.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Accelerator, ModelFacts } from '../../core/facts.ts';
import {
  CompletedRun,
  Evidence,
  FailedRun,
  Fixability,
  FixOutcome,
  IsoTime,
  Measured,
  ProtocolError,
  RunMetrics,
  SecurityEvent,
  SmokeChecks,
  TestResults,
  ThinkingRecord,
} from '../../core/run.ts';
import { MetricStats } from '../../core/stats.ts';
import { BenchReport, Environment, RunSummary } from '../schema.ts';

/** Shared sub-schemas, by the name they get under `$defs` (matched by identity). */
const named: Record<string, object> = {
  isoTime: IsoTime,
  measured: Measured,
  evidence: Evidence,
  testResults: TestResults,
  runMetrics: RunMetrics,
  thinking: ThinkingRecord,
  protocolError: ProtocolError,
  smokeChecks: SmokeChecks,
  securityEvent: SecurityEvent,
  fixOutcome: FixOutcome,
  fixability: Fixability,
  completedRun: CompletedRun,
  failedRun: FailedRun,
  accelerator: Accelerator,
  modelFacts: ModelFacts,
  environment: Environment,
  metricStats: MetricStats,
  summary: RunSummary,
};

function hoist(node: unknown, names: Map<object, string>, root: boolean): unknown {
  if (typeof node !== 'object' || node === null) return node;
  const name = names.get(node);
  if (name !== undefined && !root) return { $ref: `#/$defs/${name}` };
  if (Array.isArray(node)) return node.map((item) => hoist(item, names, false));
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, hoist(value, names, false)]));
}

/** The schema as committed: shared parts under `$defs`, two-space indent, trailing newline. */
export function renderReportSchema(): string {
  const names = new Map(Object.entries(named).map(([name, schema]) => [schema, name]));
  const defs = Object.fromEntries(Object.entries(named).map(([name, schema]) => [name, hoist(schema, names, true)]));
  const document = { ...(hoist(BenchReport, names, true) as object), $defs: defs };
  return `${JSON.stringify(document, null, 2)}\n`;
}

export const reportSchemaFile: string = fileURLToPath(new URL('./report.v2.json', import.meta.url));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeFile(reportSchemaFile, renderReportSchema());
  process.stdout.write(`wrote ${reportSchemaFile}\n`);
}
