/** The canned code really works: run the grader Python's pytest on what the personas send. */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answers } from './answers.ts';
import { loadAnswers } from './answers.ts';
import type { CodeAnswerVariant } from './personas/raw-answers.ts';
import { codeAnswer } from './personas/raw-answers.ts';

const python = '/usr/bin/python3';
const run = promisify(execFile);
let answers: Answers;
const dirs: string[] = [];

beforeAll(async () => {
  answers = await loadAnswers();
});
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** The python blocks of a markdown answer, in order (a final unclosed block included). */
function pythonBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```python\n([\s\S]*?)(?:```|$)/g)].map((m) => m[1] ?? '');
}

async function pytest(files: Record<string, string>): Promise<{ passed: number; failed: number; output: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sim-answers-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
  const result = await run(python, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider'], {
    cwd: dir,
    timeout: 60_000,
  }).catch((error: { stdout?: string; stderr?: string }) => ({
    stdout: error.stdout ?? '',
    stderr: error.stderr ?? '',
  }));
  const output = `${result.stdout}${result.stderr}`;
  const count = (word: string): number => Number(new RegExp(`(\\d+) ${word}`).exec(output)?.[1] ?? 0);
  return { passed: count('passed'), failed: count('failed'), output };
}

async function gradeRaw(task: 'lru' | 'fastapi', variant: CodeAnswerVariant, fix?: (code: string) => string) {
  const answer = answers[task];
  const [impl, tests] = pythonBlocks(codeAnswer(task, answer, variant));
  const fixed = fix === undefined ? (tests ?? '') : fix(tests ?? '');
  return pytest({ [answer.implementation.name]: impl ?? '', [answer.tests.name]: fixed });
}

describe('the canned answers, graded by real pytest', () => {
  it('sim-correct LRU: all 5 tests pass', async () => {
    expect(await gradeRaw('lru', {})).toMatchObject({ passed: 5, failed: 0 });
  });

  it('sim-typo LRU: exactly 1 of 5 fails, and collapsing LR[A-Z]*Cache makes all 5 pass', async () => {
    const typo = await gradeRaw('lru', { typo: true });
    expect(typo).toMatchObject({ passed: 4, failed: 1 });
    expect(typo.output).toMatch(/NameError/);
    expect(await gradeRaw('lru', { typo: true }, (code) => code.replace(/LR[A-Z]*Cache/g, 'LRUCache'))).toMatchObject({
      passed: 5,
      failed: 0,
    });
  });

  it('sim-unclosed LRU: the code cut at the end still passes once extracted', async () => {
    expect(await gradeRaw('lru', { unclosed: true })).toMatchObject({ passed: 5, failed: 0 });
  });

  it('sim-correct FastAPI: GET /health answers {"status": "ok"} through TestClient', async () => {
    expect(await gradeRaw('fastapi', {})).toMatchObject({ passed: 2, failed: 0 });
  });

  it('the LRU implementation has type hints and docstrings on the class and every method', () => {
    const code = answers.lru.implementation.content;
    const methods = [...code.matchAll(/^\s+def (\w+)\(([^)]*)\)( -> [^:]+)?:\n\s+"""/gm)];
    const allDefs = [...code.matchAll(/^\s+def (\w+)/gm)];
    expect(methods).toHaveLength(allDefs.length);
    for (const m of methods) expect(m[3]).toBeDefined();
    expect(code).toMatch(/class LRUCache[^\n]*:\n\s+"""/);
    expect(code).toMatch(/OrderedDict/);
    expect(code).toMatch(/Lock\(\)/);
  });
});
