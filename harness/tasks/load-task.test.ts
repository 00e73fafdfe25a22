import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isHarnessError } from '../core/errors.ts';
import { defaultTasksRoot, listTaskIds, loadTask, taskFingerprint } from './load-task.ts';

describe('shipped tasks', () => {
  it('lists the shipped task ids sorted', async () => {
    const ids = await listTaskIds();
    expect(ids).toEqual([...ids].sort());
    expect(ids).toEqual(expect.arrayContaining(['fastapi-smoke', 'lru-cache']));
  });

  it.each([
    ['lru-cache', ['pytest'], 'LRUCache', false],
    ['fastapi-smoke', ['pytest', 'fastapi', 'httpx'], null, true],
  ])('loads %s with its prompt, absolute paths and defaults', async (id, modules, hint, smoke) => {
    const task = await loadTask(id);
    expect(task.id).toBe(id);
    expect(task.dir).toBe(path.join(defaultTasksRoot, id));
    expect(task.prompt).toBe(await readFile(path.join(task.dir, task.promptFile), 'utf8'));
    expect(path.isAbsolute(task.referenceDir)).toBe(true);
    expect(task.pythonModules).toEqual(modules);
    expect(task.implementationClassHint).toBe(hint);
    expect(task.smokeChecks).toBe(smoke);
    expect(task.limits.agentTimeoutSec).toBe(600);
    expect(task.artifacts.map((a) => a.role).sort()).toEqual(['implementation', 'test']);
  });
});

describe('loadTask errors', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'tasks-test-'));
    await cp(path.join(defaultTasksRoot, 'lru-cache'), path.join(root, 'lru-cache'), { recursive: true });
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function editTaskJson(edit: (json: Record<string, unknown>) => void): Promise<string> {
    const file = path.join(root, 'lru-cache', 'task.json');
    const json = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    edit(json);
    await writeFile(file, JSON.stringify(json));
    return file;
  }

  async function errorOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
    try {
      await promise;
    } catch (error) {
      if (isHarnessError(error)) return { code: error.code, message: error.message };
      throw error;
    }
    throw new Error('expected a HarnessError');
  }

  it('rejects an unknown id with USAGE and lists the known ones', async () => {
    const error = await errorOf(loadTask('nope', root));
    expect(error.code).toBe('USAGE');
    expect(error.message).toContain('"nope"');
    expect(error.message).toContain('lru-cache');
  });

  it.each([
    [
      'a missing required field',
      (j: Record<string, unknown>) => delete j.title,
      "/ must have required property 'title'",
    ],
    [
      'a wrong artifact role',
      (j: Record<string, unknown>) => ((j.artifacts as { role: string }[])[0]!.role = 'impl'),
      '/artifacts/0/role must be equal to one of the allowed values',
    ],
    [
      'a non-integer timeout',
      (j: Record<string, unknown>) => ((j.limits as Record<string, unknown>).pytestTimeoutSec = 'soon'),
      '/limits/pytestTimeoutSec must be integer',
    ],
    [
      'an unknown field',
      (j: Record<string, unknown>) => (j.extra = 1),
      '/ must NOT have additional properties ("extra")',
    ],
    [
      'a regex that does not compile',
      (j: Record<string, unknown>) => ((j.artifacts as { recognise: string[] }[])[1]!.recognise = ['(unclosed']),
      '/artifacts/1/recognise/0 is not a valid regular expression',
    ],
    [
      'two implementation artifacts',
      (j: Record<string, unknown>) => ((j.artifacts as { role: string }[])[1]!.role = 'implementation'),
      'exactly one "implementation" artifact, found 2',
    ],
    [
      'an id that differs from the directory',
      (j: Record<string, unknown>) => (j.id = 'other'),
      '/id is "other" but the directory is "lru-cache"',
    ],
    [
      'a missing prompt file',
      (j: Record<string, unknown>) => (j.promptFile = 'missing.md'),
      '/promptFile "missing.md" is not a file',
    ],
    [
      'a reference dir outside the task',
      (j: Record<string, unknown>) => (j.referenceDir = '../'),
      '/referenceDir "../" is not a directory inside',
    ],
  ])('rejects %s with CONFIG_INVALID naming the file and the path', async (_what, edit, expected) => {
    const file = await editTaskJson(edit);
    const error = await errorOf(loadTask('lru-cache', root));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain(file);
    expect(error.message).toContain(expected);
  });

  it('rejects a task.json that is not JSON', async () => {
    const file = path.join(root, 'lru-cache', 'task.json');
    await writeFile(file, '{ "id": ');
    const error = await errorOf(loadTask('lru-cache', root));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain(`${file}: not valid JSON`);
  });
});

describe('taskFingerprint', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'tasks-fp-'));
    await cp(path.join(defaultTasksRoot, 'lru-cache'), path.join(root, 'lru-cache'), { recursive: true });
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('is a stable sha256 for unchanged files', async () => {
    const a = await taskFingerprint(await loadTask('lru-cache', root));
    const b = await taskFingerprint(await loadTask('lru-cache', root));
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(b).toBe(a);
  });

  it.each([
    ['the prompt', 'prompt.md'],
    ['task.json', 'task.json'],
    ['a reference test', 'reference/test_reference_lru_cache.py'],
  ])('changes when %s changes', async (_what, rel) => {
    const before = await taskFingerprint(await loadTask('lru-cache', root));
    const file = path.join(root, 'lru-cache', rel);
    await writeFile(file, (await readFile(file, 'utf8')) + (rel.endsWith('.json') ? '\n' : '\n# changed\n'));
    const after = await taskFingerprint(await loadTask('lru-cache', root));
    expect(after).not.toBe(before);
  });

  it('changes when a reference file is added', async () => {
    const before = await taskFingerprint(await loadTask('lru-cache', root));
    await writeFile(path.join(root, 'lru-cache', 'reference', 'helpers.py'), 'X = 1\n');
    expect(await taskFingerprint(await loadTask('lru-cache', root))).not.toBe(before);
  });
});
