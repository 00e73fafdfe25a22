import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTask } from '../tasks/load-task.ts';
import type { TaskDefinition } from '../tasks/types.ts';
import { gradeFiles } from './grade.ts';
import { repairFiles } from './repair.ts';
import { isTestFileName } from './sort-blocks.ts';
import type { ExtractedFile } from './types.ts';
import { createWorkspace, listPythonFiles, removeWorkspace, writeFiles } from './workspace.ts';

const python = '/usr/bin/python3';
const solutions = fileURLToPath(new URL('../../fixtures/grading/solutions/', import.meta.url));

let out: string;
let lru: TaskDefinition;
let fastapi: TaskDefinition;
beforeAll(async () => {
  out = await mkdtemp(path.join(tmpdir(), 'grade-test-'));
  lru = await loadTask('lru-cache');
  fastapi = await loadTask('fastapi-smoke');
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

async function readSolution(dir: string): Promise<ExtractedFile[]> {
  const files = await listPythonFiles(dir);
  return Promise.all(
    files.map(async (p, i) => ({
      path: p,
      role: isTestFileName(p) ? ('test' as const) : ('implementation' as const),
      content: await readFile(path.join(dir, p), 'utf8'),
      fromBlock: i,
    })),
  );
}

async function gradeFilesOf(task: TaskDefinition, files: ExtractedFile[], name: string) {
  const source = await createWorkspace('grade-test-src-');
  try {
    await writeFiles(source, files);
    return await gradeFiles({ task, sourceDir: source, python, outDir: path.join(out, name), timeoutSec: 60 });
  } finally {
    await removeWorkspace(source);
  }
}

describe('gradeFiles end to end with /usr/bin/python3', () => {
  it('passes every model and reference test of the correct LRU solution and writes the transcripts', async () => {
    const grade = await gradeFiles({
      task: lru,
      sourceDir: path.join(solutions, 'lru-cache', 'correct'),
      python,
      outDir: path.join(out, 'lru-correct'),
      timeoutSec: 60,
    });
    expect(grade.tests.model).toEqual({ passed: 5, total: 5 });
    expect(grade.tests.reference.total).toBeGreaterThanOrEqual(10);
    expect(grade.tests.reference.passed).toBe(grade.tests.reference.total);
    expect((await readdir(path.join(out, 'lru-correct'))).sort()).toEqual([
      'junit-model.xml',
      'junit-reference.xml',
      'pytest-model.txt',
      'pytest-reference.txt',
    ]);
    expect(await readFile(path.join(out, 'lru-correct', 'pytest-model.txt'), 'utf8')).toMatch(/5 passed/);
  });

  it('scores the typo variant 4/5 on its own tests with the reference all passing, and 5/5 after repairFiles', async () => {
    const files = await readSolution(path.join(solutions, 'lru-cache', 'typo'));
    const before = await gradeFilesOf(lru, files, 'lru-typo');
    expect(before.tests.model).toEqual({ passed: 4, total: 5 });
    expect(before.tests.reference.passed).toBe(before.tests.reference.total);
    expect(before.model.stdout).toMatch(
      /FAILED test_lru_cache\.py::test_missing_key_returns_none - NameError: name 'LRUCCache' is not defined/,
    );

    const repaired = repairFiles(files);
    expect(repaired.changes.map((c) => `${c.before}→${c.after}`)).toEqual(['LRLRCache→LRUCache', 'LRUCCache→LRUCache']);
    const after = await gradeFilesOf(lru, repaired.files, 'lru-typo-repaired');
    expect(after.tests.model).toEqual({ passed: 5, total: 5 });
    expect(after.tests.reference.passed).toBe(after.tests.reference.total);
  });

  it('gives reference 0/N (N from the suite) without an implementation, instead of crashing', async () => {
    const tests = (await readSolution(path.join(solutions, 'lru-cache', 'correct'))).filter((f) => f.role === 'test');
    const grade = await gradeFilesOf(lru, tests, 'lru-missing');
    expect(grade.tests.model).toEqual({ passed: 0, total: 5 });
    expect(grade.model.collectionError).toMatch(/ModuleNotFoundError: No module named 'lru_cache'/);
    expect(grade.tests.reference.passed).toBe(0);
    expect(grade.tests.reference.total).toBeGreaterThanOrEqual(10);
    expect(grade.reference.stdout).toContain('No LRU cache implementation found in the workspace');
  });

  it('passes the correct FastAPI solution and records that no model tests means 0/0', async () => {
    const grade = await gradeFiles({
      task: fastapi,
      sourceDir: path.join(solutions, 'fastapi-smoke', 'correct'),
      python,
      outDir: path.join(out, 'fastapi-correct'),
      timeoutSec: 60,
    });
    expect(grade.tests.model).toEqual({ passed: 2, total: 2 });
    expect(grade.tests.reference.total).toBeGreaterThanOrEqual(2);
    expect(grade.tests.reference.passed).toBe(grade.tests.reference.total);

    const appOnly = (await readSolution(path.join(solutions, 'fastapi-smoke', 'plain-text'))).filter(
      (f) => f.role === 'implementation',
    );
    const plain = await gradeFilesOf(fastapi, appOnly, 'fastapi-plain');
    expect(plain.tests.model).toEqual({ passed: 0, total: 0 });
    expect(plain.model.exitCode).toBeNull();
    expect(plain.tests.reference.passed).toBeLessThan(plain.tests.reference.total);
  });
});
