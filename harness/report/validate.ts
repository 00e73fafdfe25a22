/**
 * Reading a report.json where it enters: JSON, shape, version, the schema of that version, the
 * migration to the current version, and the summary derived again from the runs (the runs are
 * the record; a stored summary that disagrees is named and replaced).
 */
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { HarnessError } from '../core/errors.ts';
import { isRecord, tryParseJson } from '../core/json.ts';
import { readTextFile } from '../core/read-text-file.ts';
import { completedRunByLevel, FailedRun, levels } from '../core/run.ts';
import { checkReadableVersion, migrateToCurrent } from './migrate.ts';
import type { V1Report } from './migrate-v1.ts';
import reportSchemaV1 from './schema/report.v1.json' with { type: 'json' };
import { BenchReport } from './schema.ts';
import { summarise, summaryKeyId } from './summarise.ts';

// Compiled once (code generation takes a moment); the validators are never reconfigured.
const ajv = new Ajv2020({ allErrors: false, allowUnionTypes: true });
const validateV2 = ajv.compile<BenchReport>(BenchReport);
const validateV1 = ajv.compile<V1Report>(reportSchemaV1);

/** Checks `json` against the current report schema; the telling error as "<path> <message>", or null. */
export function reportSchemaError(json: unknown): string | null {
  return validateV2(json) ? null : explainV2(json);
}

// A run is a `oneOf` of cases; when one fails, the first error is usually that another case's
// status or level does not match. The case the run claims to be (by status and level) is
// checked alone to name what is really wrong with it.
const runCases = new Map<string, ValidateFunction>([
  ...levels.map((level) => [`completed/${level}`, ajv.compile(completedRunByLevel[level])] as const),
  ['infra_error', ajv.compile(FailedRun)],
  ['timeout', ajv.compile(FailedRun)],
]);

function explainV2(json: unknown): string {
  const first = validateV2.errors?.[0];
  const run = /^\/runs\/(\d+)/.exec(first?.instancePath ?? '');
  const runs = isRecord(json) && Array.isArray(json.runs) ? json.runs : [];
  const record: unknown = run === null ? undefined : runs[Number(run[1])];
  if (run !== null && isRecord(record)) {
    const key = record.status === 'completed' ? `completed/${String(record.level)}` : String(record.status);
    const validateCase = runCases.get(key);
    if (validateCase !== undefined && !validateCase(record)) {
      const error = validateCase.errors?.[0];
      if (error !== undefined) return describe({ ...error, instancePath: `${run[0]}${error.instancePath}` });
    }
  }
  return first === undefined ? 'unknown schema error' : describe(first);
}

function describe(error: ErrorObject | undefined): string {
  if (error === undefined) return 'unknown schema error';
  const where = error.instancePath === '' ? '(root)' : error.instancePath;
  const params = error.params as Record<string, unknown>;
  let detail = error.message ?? 'is invalid';
  if (typeof params.additionalProperty === 'string') detail += ` ("${params.additionalProperty}")`;
  if (Array.isArray(params.allowedValues))
    detail += ` (${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')})`;
  return `${where} ${detail}`;
}

/** A report as read, with one line per thing the reader had to correct. */
export interface ReadReport {
  report: BenchReport;
  /** e.g. "summary does not match runs for sim-typo · lru-cache · agent; using the runs". */
  warnings: string[];
}

/**
 * Parses (when given a string), validates, migrates and re-derives a report; `source` names it in
 * messages. Throws HarnessError REPORT_INVALID with one line saying what is wrong and what to do.
 */
export function readReport(json: unknown, source: string): ReadReport {
  const value = typeof json === 'string' ? parseJson(json, source) : json;
  if (!isRecord(value) || !('runs' in value) || !Number.isInteger(value.schemaVersion)) {
    throw new HarnessError(
      'REPORT_INVALID',
      `${source} is not a bench report (no schemaVersion or runs field); pass a report.json written by pnpm bench.`,
    );
  }
  const version = value.schemaVersion as number;
  checkReadableVersion(version, source);
  const migrated = migrateToCurrent(checkedAgainstItsSchema(value, version, source));
  const summary = summarise(migrated.runs);
  const warnings = version === 1 ? [] : summaryMismatch(migrated, summary, source);
  const report = { ...migrated, summary };
  const error = reportSchemaError(report);
  if (error !== null) {
    throw new HarnessError('REPORT_INVALID', `${source} could not be migrated to schema v2: ${error}.`);
  }
  return { report, warnings };
}

function checkedAgainstItsSchema(value: unknown, version: number, source: string): V1Report | BenchReport {
  if (version === 1 && validateV1(value)) return value;
  if (version !== 1 && validateV2(value)) return value;
  const error = version === 1 ? describe(validateV1.errors?.[0]) : explainV2(value);
  throw new HarnessError('REPORT_INVALID', `${source} does not match the report schema v${version}: ${error}.`);
}

/** `readReport` for callers that only want the report. */
export function validateReport(json: unknown, source: string): BenchReport {
  return readReport(json, source).report;
}

function summaryMismatch(stored: BenchReport, derived: BenchReport['summary'], source: string): string[] {
  const byId = (summary: BenchReport['summary']) => new Map(summary.map((s) => [summaryKeyId(s), JSON.stringify(s)]));
  const [before, after] = [byId(stored.summary), byId(derived)];
  const ids = [...new Set([...before.keys(), ...after.keys()])].filter((id) => before.get(id) !== after.get(id));
  if (ids.length === 0) return [];
  const groups = ids.map((id) => (JSON.parse(id) as unknown[]).filter((part) => part !== null && part !== false));
  return [`${source}: summary does not match runs for ${groups.map((g) => g.join(' · ')).join(', ')}; using the runs`];
}

/** Reads, validates and migrates a report.json file. */
export async function readReportFile(file: string): Promise<ReadReport> {
  const text = await readTextFile(file, 'report', 'pass the path of a report.json written by pnpm bench');
  return readReport(text, file);
}

function parseJson(text: string, source: string): unknown {
  const parsed = tryParseJson(text);
  if (parsed.ok) return parsed.value;
  throw new HarnessError(
    'REPORT_INVALID',
    `${source} is not valid JSON (${parsed.error.split('\n')[0]}); is it a report.json written by pnpm bench?`,
  );
}
