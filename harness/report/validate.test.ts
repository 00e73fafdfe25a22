import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { isHarnessError } from '../core/errors.ts';
import type { RunRecord } from '../core/run.ts';
import { reportSchemaFile } from './schema/write-schema.ts';
import { summarise } from './summarise.ts';
import { sampleReport, sampleRun } from './test-kit/sample-runs.ts';
import { readReport, reportSchemaError, validateReport } from './validate.ts';

const v1File = fileURLToPath(new URL('../../fixtures/reports/sample-report.fixture.json', import.meta.url));
const v1Text = readFileSync(v1File, 'utf8');

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

function changed(text: string, change: (report: AnyReport) => void): AnyReport {
  const report = JSON.parse(text) as AnyReport;
  change(report);
  return report;
}

const v2Runs: RunRecord[] = [
  sampleRun(),
  sampleRun({ id: 'b', mode: 'agent', claudeCode: '2.1.328', level: 5, kind: 'text_tool_call' }),
  sampleRun({ id: 'c', mode: 'agent', claudeCode: '2.1.328', status: 'infra_error', cause: 'context_truncated' }),
];
const v2Text = JSON.stringify(sampleReport(v2Runs));

describe('readReport on a v1 file', () => {
  const { report, warnings } = readReport(v1Text, 'v1.json');
  const byId = new Map(report.runs.map((r) => [r.id, r]));

  it('migrates it to v2 with every run and a summary derived from the runs', () => {
    expect(report.schemaVersion).toBe(2);
    expect(report.runs).toHaveLength(9);
    expect(report.summary).toEqual(summarise(report.runs));
    expect(warnings).toEqual([]);
  });

  it('turns v1 nullable fields into the v2 union: a timeout has a cause and no level', () => {
    const timeouts = report.runs.filter((r) => r.status === 'timeout');
    expect(timeouts.length).toBeGreaterThan(0);
    for (const run of timeouts) {
      expect(run).toMatchObject({ cause: 'time_limit' });
      expect(run).not.toHaveProperty('level');
    }
  });

  it('says a metric v1 never recorded is not recorded, never zero', () => {
    const raw = byId.get('sim-correct__lru-cache__raw__a1');
    expect(raw?.metrics.ttftTextMs).toEqual({ unavailable: 'not_recorded' });
    expect(raw?.metrics.loadMs).toEqual({ unavailable: 'not_recorded' });
    expect(raw?.metrics.wallMs).toBe(14_000);
  });

  it('keeps the Claude Code version on agent runs only', () => {
    for (const run of report.runs) expect(run.claudeCode).toBe(run.mode === 'agent' ? '2.1.328' : null);
    expect(report.environment.claudeCode).toEqual([
      { version: '2.1.328', path: 'node_modules/.bin/claude', unsupported: [] },
    ]);
  });

  it('maps evidence kinds v1 did not know to "legacy", naming the old kind', () => {
    const legacy = report.runs.flatMap((r) => r.evidence).filter((e) => e.kind === 'legacy');
    expect(legacy.length).toBeGreaterThan(0);
    expect(legacy[0]?.shows).toMatch(/\(v1 kind: \w+\)$/);
  });
});

describe('readReport on a v2 file', () => {
  it('accepts a freshly built report, as text or parsed', () => {
    expect(validateReport(v2Text, 'v2.json').runs).toHaveLength(3);
    expect(validateReport(JSON.parse(v2Text), 'v2.json').scripted).toBe(true);
  });

  it('replaces a stored summary that disagrees with the runs, in one line naming the group', () => {
    const edited = changed(v2Text, (r) => {
      r.runs[0].level = 5;
      r.runs[0].label = 'output_corruption';
      r.runs[0].kind = 'identifier_typo';
      r.runs[0].fixability = { state: 'not_measured', reason: 'disabled' };
    });
    const { report, warnings } = readReport(edited, 'edited.json');
    expect(warnings).toEqual([
      'edited.json: summary does not match runs for sim-correct · lru-cache · raw; using the runs',
    ]);
    expect(report.summary[0]?.modalLevel).toBe(5);
  });

  it.each([
    {
      name: 'text that is not JSON',
      input: '{"schemaVersion": 2,',
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
      input: changed(v2Text, (r) => (r.schemaVersion = 7)),
      message: /^old\.json has schema version 7; this harness reads versions 1–2\. Upgrade the harness\.$/,
    },
    {
      name: 'an older schema version',
      input: changed(v2Text, (r) => (r.schemaVersion = 0)),
      message: /^old\.json has schema version 0; this harness reads versions 1–2\. Re-run the bench/,
    },
    {
      name: 'a v1 file with an unknown status',
      input: changed(v1Text, (r) => (r.runs[2].status = 'crashed')),
      message:
        /^old\.json does not match the report schema v1: \/runs\/2\/status must be equal to one of the allowed values/,
    },
    {
      name: 'a level with a kind of another level',
      input: changed(v2Text, (r) => (r.runs[1].kind = 'tool_name')),
      message:
        /^old\.json does not match the report schema v2: \/runs\/1\/kind must be equal to one of the allowed values \("text_tool_call"/,
    },
    {
      name: 'a completed run with a cause',
      input: changed(v2Text, (r) => (r.runs[0].cause = 'time_limit')),
      message: /does not match the report schema v2: \/runs\/0 /,
    },
    {
      name: 'an evidence kind outside the closed set',
      input: changed(v2Text, (r) => (r.runs[0].evidence[0].kind = 'vibes')),
      message: /does not match the report schema v2/,
    },
    {
      name: 'a null metric that does not say why',
      input: changed(v2Text, (r) => (r.runs[0].metrics.ttftMs = null)),
      message: /does not match the report schema v2/,
    },
  ])('refuses $name with one line', ({ input, message }) => {
    const error = errorOf(() => validateReport(input, 'old.json'));
    expect(error.code).toBe('REPORT_INVALID');
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('\n');
  });
});

describe('report.v2.json, the shipped schema', () => {
  const shipped = new Ajv2020({ allowUnionTypes: true }).compile(JSON.parse(readFileSync(reportSchemaFile, 'utf8')));

  it.each([
    ['a built report', JSON.parse(v2Text), true],
    ['the migrated v1 fixture', readReport(v1Text, 'v1').report, true],
    ['a kind from another level', changed(v2Text, (r) => (r.runs[1].kind = 'tool_name')), false],
    ['a timeout with a level', changed(v2Text, (r) => (r.runs[2].level = 3)), false],
  ])('judges %s as the in-memory schema does', (_name, report, valid) => {
    expect(shipped(report)).toBe(valid);
    expect(reportSchemaError(report) === null).toBe(valid);
  });
});
