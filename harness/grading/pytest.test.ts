import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countTestFunctions } from './count-tests.ts';
import { runPytest } from './pytest.ts';
import { graderEnv } from './sandbox-env.ts';

const python = '/usr/bin/python3';
const junitSources = new URL('../../fixtures/grading/junit/src/', import.meta.url);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pytest-test-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function run(targets: string[], timeoutMs = 60_000) {
  return runPytest({
    python,
    cwd: dir,
    targets,
    junitPath: path.join(dir, 'out', 'junit.xml'),
    timeoutMs,
    env: graderEnv(dir),
  });
}

describe('countTestFunctions', () => {
  it.each([
    ['def test_a():\n    pass\n\ndef test_b(x):\n    pass\n', 2],
    ['class TestX:\n    def test_m(self):\n        pass\n    async def test_n(self):\n        pass\n', 2],
    ['def helper():\n    pass\n# def test_commented(): no\n', 0],
    ['def test_cut(', 1],
  ])('counts the test functions of source %#', (source, count) => {
    expect(countTestFunctions(source)).toBe(count);
  });
});

describe('runPytest', () => {
  it('runs every collectable file and counts the tests of files that fail to collect', async () => {
    await cp(junitSources, dir, { recursive: true });
    const result = await run(['test_mixed.py', 'test_broken_import.py', 'test_truncated.py']);
    expect(result.timedOut).toBe(false);
    expect(result.exitCode).toBe(1);
    expect(result.passed).toBe(2);
    // test_mixed: 6 cases (one parametrised twice); the two broken files: 2 functions each.
    expect(result.total).toBe(10);
    expect(result.cases.filter((c) => c.outcome === 'failed').map((c) => c.name)).toEqual([
      'test_fails',
      'test_param[2]',
    ]);
    expect(result.collectionError).toBe("test_broken_import: ModuleNotFoundError: No module named 'lru_cache'");
    expect(result.stdout).toContain('FAILED test_mixed.py::test_fails - AssertionError: values differ');
  });

  it('shows 0/5 for five tests that cannot import, not 0/1', async () => {
    const tests = Array.from({ length: 5 }, (_, i) => `def test_${i}():\n    assert LRUCCache(1)\n`).join('\n');
    await writeFile(path.join(dir, 'test_lru_cache.py'), `from lru_cache import LRUCCache\n\n${tests}`);
    const result = await run(['test_lru_cache.py']);
    expect([result.passed, result.total]).toEqual([0, 5]);
    expect(result.collectionError).toMatch(/^test_lru_cache: ModuleNotFoundError/);
  });

  it('reports a syntax error from a truncated file as the collection error', async () => {
    await writeFile(path.join(dir, 'test_cut.py'), 'def test_a():\n    pass\n\ndef test_b():\n    x = [1,\n');
    const result = await run(['test_cut.py']);
    expect([result.passed, result.total]).toEqual([0, 2]);
    expect(result.collectionError).toBe("test_cut: SyntaxError: '[' was never closed");
  });

  it('measures the duration with the clock it is given', async () => {
    await writeFile(path.join(dir, 'test_ok.py'), 'def test_ok():\n    pass\n');
    const ticks = [100, 350];
    const result = await runPytest({
      python,
      cwd: dir,
      targets: ['test_ok.py'],
      junitPath: 'junit.xml',
      timeoutMs: 60_000,
      env: graderEnv(dir),
      clock: { now: () => ticks.shift() ?? 0 },
    });
    expect(result.durationMs).toBe(250);
    expect([result.exitCode, result.passed, result.total]).toEqual([0, 1, 1]);
  });

  it('returns an empty result, not an exception, when pytest writes no report', async () => {
    const result = await run(['missing_test.py']);
    expect(result.exitCode).toBe(4);
    expect([result.passed, result.total, result.cases.length]).toEqual([0, 0, 0]);
    expect(result.stderr + result.stdout).toContain('missing_test.py');
  });

  it('kills the whole process group on timeout, grandchildren included', async () => {
    await writeFile(
      path.join(dir, 'test_hang.py'),
      [
        'import pathlib, subprocess, time',
        'def test_hang():',
        '    child = subprocess.Popen(["sleep", "60"])',
        '    pathlib.Path("child.pid").write_text(str(child.pid))',
        '    time.sleep(60)',
        '',
      ].join('\n'),
    );
    const result = await run(['test_hang.py'], 4_000);
    expect(result.timedOut).toBe(true);
    expect(result.exitCode).toBeNull();
    expect(result.total).toBe(1);
    const childPid = Number(await readFile(path.join(dir, 'child.pid'), 'utf8'));
    expect(await isGone(childPid)).toBe(true);
  });
});

/** True once `pid` no longer runs (gone, or a zombie waiting to be reaped). */
async function isGone(pid: number): Promise<boolean> {
  for (let i = 0; i < 40; i++) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
    if (stat === null || /\) Z /.test(stat)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}
