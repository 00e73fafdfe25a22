/**
 * The CLI as a user meets it: real process, real exit codes, one-line errors. Bad input must
 * exit non-zero with one line that says what to do.
 */

import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../modes/environment.ts';

const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
const main = path.join(repoRoot, 'harness', 'cli', 'main.ts');

function bench(args: string[], env: Record<string, string> = {}) {
  return execa(tsx, [main, ...args], {
    cwd: repoRoot,
    reject: false,
    env: { ...env, NO_COLOR: '1' },
    timeout: 120_000,
  });
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function errorLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.startsWith('error:'));
}

describe('pnpm bench errors', () => {
  it('rejects a bad flag value with one line plus usage, exit 2', async () => {
    const result = await bench(['--model', 'm', '--repeat', 'many']);
    expect(result.exitCode).toBe(2);
    expect(errorLines(result.stderr)).toEqual(['error: --repeat must be a positive whole number, got "many".']);
    expect(result.stderr).toContain('Usage:');
  });

  it('names the fix when the backend is unreachable, and mentions --backend sim', async () => {
    const port = await closedPort();
    const result = await bench([
      '--model',
      'qwen3-coder:30b',
      '--mode',
      'raw',
      '--base-url',
      `http://127.0.0.1:${port}`,
      '--out',
      await tmp(),
    ]);
    expect(result.exitCode).toBe(2);
    const lines = errorLines(result.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/unreachable/i);
    expect(lines[0]).toContain(`127.0.0.1:${port}`);
    expect(lines[0]).toContain('--backend sim');
  });

  it('names the fix for an unknown model', async () => {
    const result = await bench(['--backend', 'sim', '--model', 'no-such-model', '--mode', 'raw', '--out', await tmp()]);
    expect(result.exitCode).toBe(2);
    const lines = errorLines(result.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('no-such-model');
    expect(lines[0]).toMatch(/not (available|found)/i);
  });

  it('explains a grader Python without pytest, fastapi and httpx', async () => {
    const dir = await tmp();
    const fake = path.join(dir, 'python3');
    await writeFile(fake, '#!/bin/sh\nexec /usr/bin/env -i /bin/false\n');
    await chmod(fake, 0o755);
    const result = await bench([
      '--backend',
      'sim',
      '--model',
      'sim-correct',
      '--mode',
      'raw',
      '--python',
      fake,
      '--out',
      dir,
    ]);
    expect(result.exitCode).toBe(2);
    const lines = errorLines(result.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/pytest/);
    expect(lines[0]).toMatch(/--python/);
  });

  it('rejects an unknown task id listing the known ones', async () => {
    const result = await bench([
      '--backend',
      'sim',
      '--model',
      'sim-correct',
      '--task',
      'sudoku',
      '--out',
      await tmp(),
    ]);
    expect(result.exitCode).toBe(2);
    expect(errorLines(result.stderr)[0]).toMatch(/lru-cache/);
  });

  it('refuses a corrupt report in compare with one line', async () => {
    const dir = await tmp();
    const corrupt = path.join(dir, 'corrupt.json');
    await writeFile(corrupt, '{"schemaVersion": 1, "runs": [');
    const result = await bench(['compare', corrupt, corrupt]);
    expect(result.exitCode).toBe(2);
    const lines = errorLines(result.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('corrupt.json is not valid JSON');
  });
});

describe('pnpm bench --backend sim --mode raw', () => {
  it('writes the three report files and prints a summary labelled as scripted', async () => {
    const out = await tmp();
    const result = await bench([
      '--backend',
      'sim',
      '--model',
      'sim-correct',
      '--task',
      'lru-cache',
      '--mode',
      'raw',
      '--out',
      out,
    ]);
    expect(result.stderr).not.toMatch(/^error:/m);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/scripted/i);
    const report = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8'));
    expect(report.scripted).toBe(true);
    expect(report.runs).toHaveLength(1);
    expect(report.runs[0]).toMatchObject({
      model: 'sim-correct',
      mode: 'raw',
      status: 'completed',
      level: 6,
      label: 'success',
    });
    expect(await readFile(path.join(out, 'report.md'), 'utf8')).toMatch(/Scripted backend/i);
    expect((await readFile(path.join(out, 'runs.csv'), 'utf8')).split('\n')[1]).toContain('sim-correct');
    const jsonl = (await readFile(path.join(out, 'runs.jsonl'), 'utf8')).trim().split('\n');
    expect(jsonl).toHaveLength(1);
  });
});

async function tmp(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'bench-cli-'));
}
