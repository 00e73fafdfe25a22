import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateReport } from '../../report/validate.ts';
import { readHistoryBundles } from './fixture-nights.ts';
import { fixtureHistoryDir, fixtureHistoryFiles } from './write-fixture-history.ts';

describe('the committed fixture history', () => {
  it('is what the generator writes, byte for byte (regenerate with write-fixture-history.ts)', async () => {
    const expected = fixtureHistoryFiles();
    const committed = (await readdir(fixtureHistoryDir)).filter((f) => f.endsWith('.report.json')).sort();
    expect(committed).toEqual([...expected.keys()].sort());
    for (const name of committed) {
      expect(await readFile(path.join(fixtureHistoryDir, name), 'utf8')).toBe(expected.get(name));
    }
  });

  it('has at least 30 nights and 4 models, each night a valid report marked scripted', async () => {
    const names = (await readdir(fixtureHistoryDir)).filter((f) => f.endsWith('.report.json'));
    expect(names.length).toBeGreaterThanOrEqual(30);
    for (const name of names) {
      const report = validateReport(await readFile(path.join(fixtureHistoryDir, name), 'utf8'), name);
      expect(report.scripted).toBe(true);
      expect(report.settings.models.length).toBeGreaterThanOrEqual(4);
      expect(report.settings.repeat).toBe(3);
    }
  });

  it('regresses on exactly one night: the planted level drop', async () => {
    const nights = (await readHistoryBundles()).map((b) => b.night);
    const regressed = nights.filter((n) => n.regressions.length > 0);
    expect(regressed.map((n) => [n.id, n.regressions.map((r) => `${r.model} ${r.task} ${r.mode}`)])).toEqual([
      ['2026-03-25', ['qwen3-coder:30b lru-cache agent']],
    ]);
  });
});
