/**
 * Matrix runs as a nightly job uses them: two models × two repeats in one report, a bench killed
 * midway and finished with --resume, and --resume refusing different settings.
 */

import { mkdtemp, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { benchCli, runIds } from '../cli/test-kit/bench-cli.ts';

const matrixArgs = [
  '--backend',
  'sim',
  '--model',
  'sim-instant,sim-typo',
  '--repeat',
  '2',
  '--mode',
  'raw',
  '--task',
  'lru-cache',
];

const bench = (args: string[]) => benchCli(args, { timeoutMs: 240_000 });

async function tmp(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'bench-matrix-'));
}

describe('matrix, resume', () => {
  // One uninterrupted two-model, two-repeat bench, shared by the tests below.
  let full = '';
  beforeAll(async () => {
    full = await tmp();
    const whole = await bench([...matrixArgs, '--out', full]);
    expect(whole.exitCode).toBe(0);
  }, 240_000);

  it('finishes a killed bench with --resume: same runs as an uninterrupted bench, none done twice', async () => {
    const expected = await runIds(full);
    expect(expected).toHaveLength(4);

    const dir = await tmp();
    const child = benchCli([...matrixArgs, '--out', dir], { timeoutMs: 240_000 });
    // Kill it as soon as the first run is on disk (and before the last one is).
    for (let i = 0; i < 600 && (await runIds(dir)).length < 1; i += 1) await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGKILL');
    await child;
    const before = await runIds(dir);
    expect(before.length).toBeGreaterThanOrEqual(1);
    expect(before.length).toBeLessThan(4);
    await expect(stat(path.join(dir, 'report.json'))).rejects.toThrow();

    const resumed = await bench(['--resume', dir]);
    expect(resumed.stderr).not.toMatch(/^error:/m);
    expect(resumed.exitCode).toBe(0);
    const after = await runIds(dir);
    expect(after.slice(0, before.length)).toEqual(before);
    expect([...after].sort()).toEqual([...expected].sort());
    expect(new Set(after).size).toBe(after.length);
    const report = JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8')) as { runs: { id: string }[] };
    expect(report.runs.map((r) => r.id).sort()).toEqual([...expected].sort());
  });

  it('refuses to resume with different settings, naming what changed', async () => {
    const dir = await tmp();
    const first = await bench([
      '--backend',
      'sim',
      '--model',
      'sim-instant',
      '--mode',
      'raw',
      '--task',
      'lru-cache',
      '--out',
      dir,
    ]);
    expect(first.exitCode).toBe(0);
    const again = await bench([
      '--backend',
      'sim',
      '--model',
      'sim-instant',
      '--mode',
      'raw',
      '--task',
      'lru-cache',
      '--repeat',
      '3',
      '--resume',
      dir,
    ]);
    expect(again.exitCode).toBe(2);
    const lines = again.stderr.split('\n').filter((l) => l.startsWith('error:'));
    expect(lines).toEqual([expect.stringContaining('repeat was 1, now 3')]);
  });

  it('reports medians, p95, stddev and pass@k over repeats, and the Markdown shows the charts', async () => {
    const dir = full;
    const report = JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8')) as {
      summary: {
        model: string;
        attempts: number;
        passAtK: number | null;
        passAt1: number | null;
        metrics: Record<string, { median: number | null; p95: number | null; stddev: number | null; n: number }>;
      }[];
    };
    expect(report.summary).toHaveLength(2);
    for (const row of report.summary) {
      expect(row.attempts).toBe(2);
      expect(row.metrics.ttftMs?.n).toBe(2);
      expect(row.metrics.ttftMs?.median).toEqual(expect.any(Number));
      expect(row.metrics.ttftMs?.p95).toEqual(expect.any(Number));
      expect(row.metrics.ttftMs?.stddev).toEqual(expect.any(Number));
    }
    expect(report.summary.find((r) => r.model === 'sim-instant')?.passAtK).toBe(1);
    expect(report.summary.find((r) => r.model === 'sim-typo')?.passAtK).toBe(0);
    const md = await readFile(path.join(dir, 'report.md'), 'utf8');
    for (const match of md.matchAll(/!\[[^\]]*\]\(([^)]+\.svg)\)/g)) {
      const svg = await readFile(path.join(dir, match[1] as string), 'utf8');
      expect(svg).toContain('<svg');
      expect(svg).toContain('sim-instant');
    }
    expect(md).toMatch(/!\[[^\]]*\]\(charts\/[a-z-]+\.svg\)/);
  });
});
