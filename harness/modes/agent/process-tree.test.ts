import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../core/context.ts';
import { findMarkedPids, isAlive, runProcessTree } from './process-tree.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'process-tree-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function options(script: string, timeoutMs: number, tag: string) {
  return {
    file: '/bin/sh',
    args: ['-c', script],
    cwd: dir,
    env: { PATH: '/usr/bin:/bin' },
    marker: { name: 'PROCESS_TREE_TEST', value: `${tag}-${process.pid}` },
    timeoutMs,
    killGraceMs: 300,
    stdoutFile: path.join(dir, `${tag}.out`),
    stderrFile: path.join(dir, `${tag}.err`),
    clock: systemClock,
  };
}

describe('runProcessTree', () => {
  it('kills the main process and a descendant in another session when the limit is hit', async () => {
    const pidFile = path.join(dir, 'escaped.pid');
    // The grandchild leaves the process group the way Claude Code's Bash tool does (setsid).
    const script = `setsid sleep 300 & echo $! > ${pidFile}; echo started; sleep 300`;
    const result = await runProcessTree(options(script, 400, 'timeout'));
    const escaped = Number((await readFile(pidFile, 'utf8')).trim());
    expect(result.timedOut).toBe(true);
    expect(result.exitCode).toBeNull();
    expect(result.wallMs).toBeLessThan(5000);
    expect(await readFile(path.join(dir, 'timeout.out'), 'utf8')).toBe('started\n');
    expect(await isAlive(result.pid ?? -1)).toBe(false);
    expect(await isAlive(escaped)).toBe(false);
    expect(await findMarkedPids(`PROCESS_TREE_TEST=timeout-${process.pid}`)).toEqual([]);
  });

  it('ends the whole tree early when asked to stop, well before its limit', async () => {
    const pidFile = path.join(dir, 'stopped.pid');
    const stop = new AbortController();
    const running = runProcessTree({
      ...options(`setsid sleep 300 & echo $! > ${pidFile}; sleep 300`, 60_000, 'stop'),
      stop: stop.signal,
    });
    setTimeout(() => stop.abort(), 300);
    const result = await running;
    const escaped = Number((await readFile(pidFile, 'utf8')).trim());
    expect(result).toMatchObject({ stopped: true, timedOut: false });
    expect(result.wallMs).toBeLessThan(5000);
    expect(await isAlive(escaped)).toBe(false);
  });

  it('kills what a process left running after it exited normally', async () => {
    const pidFile = path.join(dir, 'orphan.pid');
    const result = await runProcessTree(options(`setsid sleep 300 & echo $! > ${pidFile}; exit 3`, 10_000, 'orphan'));
    const orphan = Number((await readFile(pidFile, 'utf8')).trim());
    expect(result.timedOut).toBe(false);
    expect(result.exitCode).toBe(3);
    expect(result.leftoverPids).toContain(orphan);
    expect(await isAlive(orphan)).toBe(false);
  });

  it('reports a binary that cannot be started', async () => {
    const result = await runProcessTree({ ...options('', 1000, 'missing'), file: path.join(dir, 'no-such-binary') });
    expect(result.spawnError).toMatch(/ENOENT|no-such-binary/);
    expect(result.timedOut).toBe(false);
  });
});
