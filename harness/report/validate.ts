/** Checking a report.json where it enters: JSON, shape, version, then the shipped schema. */
import { readFile } from 'node:fs/promises';
import type { ErrorObject } from 'ajv/dist/2020.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { HarnessError } from '../core/errors.ts';
import type { ReportMigration } from './migrate.ts';
import { migrateReport } from './migrate.ts';
import reportSchemaV1 from './schema/report.v1.json' with { type: 'json' };
import type { BenchReport } from './types.ts';

/** The shipped JSON schema of the current report version (draft 2020-12). */
export const reportSchema: Readonly<Record<string, unknown>> = reportSchemaV1;

// Compiled once (about 0.2 s of code generation); the validator is never reconfigured.
const validateV1 = new Ajv2020({ allErrors: false, allowUnionTypes: true }).compile(reportSchemaV1);

/**
 * Checks `json` against the current report schema without the version handling; returns the
 * first error as "<path> <message>", or null when it conforms.
 */
export function reportSchemaError(json: unknown): string | null {
  if (validateV1(json)) return null;
  const first = validateV1.errors?.[0];
  return first === undefined ? 'unknown schema error' : describeSchemaError(first);
}

function describeSchemaError(error: ErrorObject): string {
  const where = error.instancePath === '' ? '(root)' : error.instancePath;
  const params = error.params as Record<string, unknown>;
  let detail = error.message ?? 'is invalid';
  if (typeof params.additionalProperty === 'string') detail += ` ("${params.additionalProperty}")`;
  if (Array.isArray(params.allowedValues))
    detail += ` (${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')})`;
  return `${where} ${detail}`;
}

/**
 * Parses (when given a string), migrates and validates a report; `source` names it in messages.
 * Throws HarnessError REPORT_INVALID with one line saying what is wrong and what to do.
 */
export function validateReport(json: unknown, source: string, migrations?: readonly ReportMigration[]): BenchReport {
  const value = typeof json === 'string' ? parseJson(json, source) : json;
  if (
    !isRecord(value) ||
    !('runs' in value) ||
    typeof value.schemaVersion !== 'number' ||
    !Number.isInteger(value.schemaVersion)
  ) {
    throw new HarnessError(
      'REPORT_INVALID',
      `${source} is not a bench report (no schemaVersion or runs field); pass a report.json written by pnpm bench.`,
    );
  }
  const migrated = migrateReport(value as Record<string, unknown> & { schemaVersion: number }, source, migrations);
  const error = reportSchemaError(migrated);
  if (error !== null) {
    throw new HarnessError('REPORT_INVALID', `${source} does not match the report schema v1: ${error}.`);
  }
  return migrated as unknown as BenchReport;
}

/** Reads and validates a report.json file. */
export async function readReportFile(file: string): Promise<BenchReport> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new HarnessError(
      'USAGE',
      `Cannot read report ${file} (${code}); pass the path of a report.json written by pnpm bench.`,
      {
        cause: error,
      },
    );
  }
  return validateReport(text, file);
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new HarnessError(
      'REPORT_INVALID',
      `${source} is not valid JSON (${reason}); is it a report.json written by pnpm bench?`,
    );
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
