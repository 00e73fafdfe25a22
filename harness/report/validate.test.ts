import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isHarnessError } from '../core/errors.ts';
import type { ReportMigration } from './migrate.ts';
import { sampleReport, sampleRun } from './sample-runs.ts';
import { summarise } from './summarise.ts';
import { reportSchema, validateReport } from './validate.ts';

const fixtureFile = fileURLToPath(new URL('../../fixtures/reports/sample-report.fixture.json', import.meta.url));
const fixtureText = readFileSync(fixtureFile, 'utf8');

function errorOf(action: () => unknown): { code: string; message: string } {
  try {
    action();
  } catch (error) {
    if (isHarnessError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a HarnessError');
}

// biome-ignore lint/suspicious/noExplicitAny: tests reach into arbitrary report paths to break them
type AnyReport = Record<string, any>;

function withChange(change: (report: AnyReport) => void): Record<string, unknown> {
  const report = JSON.parse(fixtureText) as AnyReport;
  change(report);
  return report;
}

describe('validateReport', () => {
  it('accepts the sample report fixture, as text or parsed', () => {
    expect(validateReport(fixtureText, 'sample.json').runs).toHaveLength(9);
    expect(validateReport(JSON.parse(fixtureText), 'sample.json').scripted).toBe(true);
  });

  it('keeps the fixture summary in step with summarise()', () => {
    const report = validateReport(fixtureText, 'sample.json');
    expect(report.summary).toEqual(summarise(report.runs));
  });

  it('accepts a freshly built report', () => {
    const report = sampleReport([sampleRun(), sampleRun({ id: 'b', mode: 'agent', status: 'timeout', level: null })]);
    expect(validateReport(JSON.parse(JSON.stringify(report)), 'built').summary).toHaveLength(2);
  });

  it.each([
    {
      name: 'text that is not JSON',
      input: '{"schemaVersion": 1,',
      message: /^old\.json is not valid JSON \(.+\); is it a report\.json written by pnpm bench\?$/,
    },
    {
      name: 'JSON that is not a report',
      input: { name: 'package', version: '1.0.0' },
      message:
        /^old\.json is not a bench report \(no schemaVersion or runs field\); pass a report\.json written by pnpm bench\.$/,
    },
    {
      name: 'a newer schema version',
      input: withChange((r) => (r.schemaVersion = 7)),
      message: /^old\.json has schema version 7; this harness reads versions 1–1\. Upgrade the harness\.$/,
    },
    {
      name: 'an older schema version with no migration',
      input: withChange((r) => (r.schemaVersion = 0)),
      message: /^old\.json has schema version 0; this harness reads versions 1–1\. Re-run the bench/,
    },
    {
      name: 'an unknown status',
      input: withChange((r) => (r.runs[2].status = 'crashed')),
      message:
        /^old\.json does not match the report schema v1: \/runs\/2\/status must be equal to one of the allowed values \("completed", "infra_error", "timeout"\)\.$/,
    },
    {
      name: 'a level outside 1–6',
      input: withChange((r) => (r.runs[0].level = 7)),
      message: /\/runs\/0\/level must be equal to one of the allowed values/,
    },
    {
      name: 'a foreign field in a run',
      input: withChange((r) => (r.runs[1].score = 0.9)),
      message: /\/runs\/1 must NOT have additional properties \("score"\)/,
    },
    {
      name: 'a missing metric',
      input: withChange((r) => delete r.runs[0].metrics.ttftMs),
      message: /\/runs\/0\/metrics must have required property 'ttftMs'/,
    },
  ])('refuses $name with one line', ({ input, message }) => {
    const error = errorOf(() => validateReport(input, 'old.json'));
    expect(error.code).toBe('REPORT_INVALID');
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('\n');
  });

  it('migrates an older layout through the migration hook before validating', () => {
    // A synthetic v0 for the test: it had no "scripted" flags; v1 derives them from the backend kind.
    const addScripted: ReportMigration = {
      from: 0,
      migrate: (old) => {
        const environment = old.environment as { backend: Record<string, unknown> };
        const scripted = environment.backend.kind === 'sim';
        return { ...old, scripted, environment: { ...environment, backend: { ...environment.backend, scripted } } };
      },
    };
    const v0 = withChange((r) => {
      r.schemaVersion = 0;
      delete r.scripted;
      delete r.environment.backend.scripted;
    });
    const report = validateReport(v0, 'v0.json', [addScripted]);
    expect(report.schemaVersion).toBe(1);
    expect(report.scripted).toBe(true);
    expect(report.environment.backend.scripted).toBe(true);
  });

  it('names the readable versions from the migrations it has', () => {
    const migrations: ReportMigration[] = [{ from: 0, migrate: (r) => r }];
    const error = errorOf(() =>
      validateReport(
        withChange((r) => (r.schemaVersion = 3)),
        'new.json',
        migrations,
      ),
    );
    expect(error.message).toContain('this harness reads versions 0–1');
  });
});

describe('reportSchema', () => {
  const defs = reportSchema.$defs as Record<string, { required: string[] }>;
  const run = sampleRun();

  it.each([
    { def: 'run', keys: Object.keys(run) },
    { def: 'metrics', keys: Object.keys(run.metrics) },
    { def: 'environment', keys: Object.keys(sampleReport([run]).environment) },
    { def: 'summary', keys: Object.keys(summarise([run])[0] ?? {}) },
  ])('requires every field the harness writes in $def', ({ def, keys }) => {
    expect([...(defs[def]?.required ?? [])].sort()).toEqual([...keys].sort());
  });
});
