/** The canned code the personas hand out, read from harness/sim/answers/. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CodeFile {
  name: string;
  content: string;
}

/** One task's answer: implementation and tests. */
export interface TaskAnswer {
  implementation: CodeFile;
  tests: CodeFile;
}

export interface Answers {
  lru: TaskAnswer;
  fastapi: TaskAnswer;
}

export const answersDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'answers');

async function codeFile(dir: string, name: string): Promise<CodeFile> {
  return { name, content: await readFile(path.join(dir, name), 'utf8') };
}

/** Reads the four answer files. */
export async function loadAnswers(dir: string = answersDir): Promise<Answers> {
  const [lruImpl, lruTests, app, appTests] = await Promise.all([
    codeFile(dir, 'lru_cache.py'),
    codeFile(dir, 'test_lru_cache.py'),
    codeFile(dir, 'app.py'),
    codeFile(dir, 'test_app.py'),
  ]);
  return { lru: { implementation: lruImpl, tests: lruTests }, fastapi: { implementation: app, tests: appTests } };
}
