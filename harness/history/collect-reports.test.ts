import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandReportPaths, isReportFileName, orderNights } from './collect-reports.ts';

let dir: string;
const report = (startedAt: string) => JSON.stringify({ schemaVersion: 1, startedAt, runs: [] });

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'collect-reports-'));
  await mkdir(path.join(dir, 'results/20260402T021700Z-gemma4-26b'), { recursive: true });
  await mkdir(path.join(dir, 'nights'), { recursive: true });
  await mkdir(path.join(dir, 'empty'), { recursive: true });
  await writeFile(path.join(dir, 'results/20260402T021700Z-gemma4-26b/report.json'), report('2026-04-02T02:17:00Z'));
  await writeFile(path.join(dir, 'results/20260402T021700Z-gemma4-26b/runs.jsonl'), '');
  await writeFile(path.join(dir, 'nights/2026-04-01.report.json'), report('2026-04-01T02:17:00Z'));
  await writeFile(path.join(dir, 'nights/2026-04-02-run2.report.json'), report('2026-04-02T14:00:00Z'));
  await writeFile(path.join(dir, 'nights/notes.json'), '{}');
  await writeFile(path.join(dir, 'no-date.json'), JSON.stringify({ schemaVersion: 1, runs: [] }));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the reports a history call names', () => {
  it.each([
    ['report.json', true],
    ['2026-04-01.report.json', true],
    ['runs.jsonl', false],
    ['notes.json', false],
    ['report.json.bak', false],
  ])('%s is a report file: %s', (name, expected) => {
    expect(isReportFileName(name)).toBe(expected);
  });

  it('finds report.json and *.report.json under folders, and takes files as given', async () => {
    const files = await expandReportPaths([dir, path.join(dir, 'nights/2026-04-01.report.json')]);
    expect(files.map((f) => path.relative(dir, f)).sort()).toEqual([
      'nights/2026-04-01.report.json',
      'nights/2026-04-02-run2.report.json',
      'results/20260402T021700Z-gemma4-26b/report.json',
    ]);
  });

  it.each([
    ['a folder without reports', 'empty', /holds no report\.json or \*\.report\.json file/],
    ['a path that does not exist', 'missing', /Cannot read .*missing \(ENOENT\)/],
  ])('says what is wrong with %s', async (_what, name, message) => {
    await expect(expandReportPaths([path.join(dir, name)])).rejects.toThrow(message);
  });

  it('orders nights by start time and numbers a second night on the same date', async () => {
    const nights = await orderNights(await expandReportPaths([dir]));
    expect(nights.map((n) => [n.id, path.basename(n.file)])).toEqual([
      ['2026-04-01', '2026-04-01.report.json'],
      ['2026-04-02', 'report.json'],
      ['2026-04-02-2', '2026-04-02-run2.report.json'],
    ]);
  });

  it('refuses a file without a start time', async () => {
    await expect(orderNights([path.join(dir, 'no-date.json')])).rejects.toThrow(/no readable startedAt/);
  });
});
