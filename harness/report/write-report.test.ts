import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isHarnessError } from '../core/errors.ts';
import { sampleReport, sampleRun } from './test-kit/sample-runs.ts';
import type { BenchReport } from './types.ts';
import { validateReport } from './validate.ts';
import { writeReportFiles } from './write-report.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'report-write-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeReportFiles', () => {
  const report = sampleReport([sampleRun(), sampleRun({ id: 'agent', mode: 'agent', level: 4 })]);

  it('writes report.json, report.md, runs.csv and the charts the Markdown points at', async () => {
    const out = path.join(dir, 'new', 'report');
    const files = await writeReportFiles(out, report);
    expect(files.json).toBe(path.join(out, 'report.json'));
    const json = await readFile(files.json, 'utf8');
    expect(validateReport(json, files.json)).toEqual(report);
    const md = await readFile(files.md, 'utf8');
    for (const image of md.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)) {
      expect(files.charts).toContain(path.join(out, image[1] as string));
    }
    expect(files.charts).toHaveLength(3);
    expect((await readFile(files.csv, 'utf8')).trim().split('\n')).toHaveLength(3);
    expect((await readdir(out)).sort()).toEqual(['charts', 'report.json', 'report.md', 'runs.csv']);
  });

  it('refuses a report that does not match the schema, as an internal error, writing nothing', async () => {
    // A level outside 1–6, as a bug upstream of the writer could produce.
    const broken: BenchReport = structuredClone(report);
    Object.assign(broken.runs[0] ?? {}, { level: 9 });
    let caught: unknown;
    try {
      await writeReportFiles(dir, broken);
    } catch (error) {
      caught = error;
    }
    expect(isHarnessError(caught) && caught.code).toBe('INTERNAL');
    expect((caught as Error).message).toContain('/runs/0/level');
    expect(await readdir(dir)).toEqual([]);
  });
});
