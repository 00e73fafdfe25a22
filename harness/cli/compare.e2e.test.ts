/**
 * `pnpm bench compare` as the nightly job calls it: a level drop and a timing change beyond the
 * noise threshold are regressions, a change within it is not, --fail-on-regression exits 1, and a
 * foreign JSON file gets one clear line.
 */

import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import type { Measured, RunRecord } from '../core/run.ts';
import { repoRoot } from '../modes/environment.ts';
import { summarise } from '../report/summarise.ts';
import { atLevel } from '../report/test-kit/sample-runs.ts';
import type { BenchReport } from '../report/types.ts';
import { readReport } from '../report/validate.ts';

const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
const main = path.join(repoRoot, 'harness', 'cli', 'main.ts');
const fixture = path.join(repoRoot, 'fixtures', 'reports', 'sample-report.fixture.json');

function bench(args: string[]) {
  return execa(tsx, [main, ...args], { cwd: repoRoot, reject: false, env: { NO_COLOR: '1' }, timeout: 60_000 });
}

/** A copy of `report` with `change` applied to the run `id`, summary recomputed. */
function withRun(report: BenchReport, id: string, change: (run: RunRecord) => RunRecord): BenchReport {
  const runs = report.runs.map((r) => (r.id === id ? change(structuredClone(r)) : r));
  return { ...report, runs, summary: summarise(runs) };
}

describe('pnpm bench compare', () => {
  it('flags a level drop and a TTFT change beyond the threshold, ignores one within it, exits 1 when asked', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-compare-'));
    // The v1 fixture, read (migrated) as the harness reads it.
    const base = readReport(await readFile(fixture, 'utf8'), 'fixture').report;
    const scaled = (m: Measured, factor: number): Measured => (typeof m === 'number' ? m * factor : m);
    let head = withRun(base, 'sim-correct__lru-cache__raw__a1', (r) => atLevel(r, 5, 'identifier_typo'));
    head = withRun(head, 'sim-correct__lru-cache__agent__a1', (r) => ({
      ...r,
      metrics: { ...r.metrics, ttftMs: scaled(r.metrics.ttftMs, 1.5) },
    }));
    head = withRun(head, 'sim-typo__lru-cache__raw__a1', (r) => ({
      ...r,
      metrics: { ...r.metrics, ttftMs: scaled(r.metrics.ttftMs, 1.03) },
    }));
    const basePath = path.join(dir, 'base.json');
    const headPath = path.join(dir, 'head.json');
    await writeFile(basePath, JSON.stringify(base));
    await writeFile(headPath, JSON.stringify(head));

    const result = await bench(['compare', basePath, headPath, '--format', 'json', '--fail-on-regression']);
    expect(result.exitCode).toBe(1);
    const comparison = JSON.parse(result.stdout) as {
      entries: { model: string; task: string; mode: string; verdict: string; reasons: { what: string }[] }[];
    };
    const entry = (model: string, mode: string) =>
      comparison.entries.find((e) => e.model === model && e.mode === mode && e.task === 'lru-cache');
    expect(entry('sim-correct', 'raw')).toMatchObject({
      verdict: 'regression',
      reasons: [expect.objectContaining({ what: 'level' })],
    });
    expect(entry('sim-correct', 'agent')).toMatchObject({
      verdict: 'regression',
      reasons: [expect.objectContaining({ what: 'ttft' })],
    });
    expect(entry('sim-typo', 'raw')?.verdict).toBe('unchanged');
    expect(comparison.entries[0]?.verdict).toBe('regression');

    const lenient = await bench(['compare', basePath, headPath, '--format', 'md']);
    expect(lenient.exitCode).toBe(0);
    expect(lenient.stdout).toContain('sim-correct');
  });

  it('reads the runs, not a stored summary: a level drop with the old summary left in place regresses', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-compare-'));
    const base = readReport(await readFile(fixture, 'utf8'), 'fixture').report;
    const edited = base.runs.map((r) =>
      r.id === 'sim-correct__lru-cache__agent__a1' ? atLevel(r, 5, 'tests_fail') : r,
    );
    const basePath = path.join(dir, 'base.json');
    const headPath = path.join(dir, 'head.json');
    await writeFile(basePath, JSON.stringify(base));
    await writeFile(headPath, JSON.stringify({ ...base, runs: edited }));
    const result = await bench(['compare', basePath, headPath, '--fail-on-regression']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(
      `${headPath}: summary does not match runs for sim-correct · lru-cache · agent · 2.1.328; using the runs`,
    );
    expect(result.stdout).toMatch(/sim-correct.*lru-cache.*agent.*6 → 5/);
  });

  it('exits 0 with --fail-on-regression when nothing regressed', async () => {
    const result = await bench(['compare', fixture, fixture, '--fail-on-regression']);
    expect(result.exitCode).toBe(0);
  });

  it('refuses a foreign JSON file with one line', async () => {
    const result = await bench(['compare', path.join(repoRoot, 'package.json'), fixture]);
    expect(result.exitCode).toBe(2);
    const lines = result.stderr.split('\n').filter((l) => l.startsWith('error:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/package\.json is not a bench report/);
  });
});
