import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTask } from '../tasks/load-task.ts';
import { runPytest } from './pytest.ts';
import { graderEnv } from './sandbox-env.ts';

// The hidden suites must accept the API shapes models write and reject broken code.
const solutions = fileURLToPath(new URL('../../fixtures/grading/solutions/', import.meta.url));

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'reference-suites-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function runReference(taskId: string, solution: string) {
  const task = await loadTask(taskId);
  const workspace = path.join(solutions, taskId, solution);
  return runPytest({
    python: '/usr/bin/python3',
    cwd: task.referenceDir,
    targets: ['.'],
    junitPath: path.join(scratch, `${taskId}-${solution}.xml`),
    timeoutMs: 60_000,
    env: graderEnv(path.join(scratch, solution), { GRADER_WORKSPACE: workspace, PYTHONPATH: workspace }),
    extraArgs: ['-p', 'no:cacheprovider'],
  });
}

describe('reference suites', () => {
  it.each([
    ['lru-cache', 'get-set-variant'],
    ['lru-cache', 'renamed-class'],
    ['fastapi-smoke', 'renamed-app'],
  ])('%s accepts the %s solution', async (taskId, solution) => {
    const run = await runReference(taskId, solution);
    expect(run.total).toBeGreaterThan(0);
    expect(run.cases.filter((c) => c.outcome !== 'passed').map((c) => `${c.name}: ${c.message}`)).toEqual([]);
  });

  it.each([
    ['lru-cache', 'no-lock', 'test_uses_threading_lock'],
    ['fastapi-smoke', 'plain-text', 'test_health_content_type_is_json'],
  ])('%s rejects the %s solution in %s', async (taskId, solution, failing) => {
    const run = await runReference(taskId, solution);
    expect(run.cases.find((c) => c.name === failing)?.outcome).toBe('failed');
  });
});
