import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isHarnessError } from '../core/errors.ts';
import { copyDir, createWorkspace, listPythonFiles, removeWorkspace, writeFiles } from './workspace.ts';

let dir: string;
beforeEach(async () => {
  dir = await createWorkspace('workspace-test-');
});
afterEach(async () => {
  await removeWorkspace(dir);
});

describe('workspace', () => {
  it('creates a fresh directory under the OS temp dir', async () => {
    expect(path.dirname(dir)).toBe(tmpdir());
    expect(path.basename(dir)).toMatch(/^workspace-test-/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('writes files, creating subdirectories, and lists the Python ones', async () => {
    await writeFiles(path.join(dir, 'new'), [
      { path: 'lru_cache.py', content: 'x = 1\n' },
      { path: 'pkg/test_x.py', content: 'def test_x(): pass\n' },
      { path: 'notes.md', content: '# notes\n' },
    ]);
    await mkdir(path.join(dir, 'new', '.claude'), { recursive: true });
    await writeFile(path.join(dir, 'new', '.claude', 'hidden.py'), '');
    await mkdir(path.join(dir, 'new', '__pycache__'), { recursive: true });
    await writeFile(path.join(dir, 'new', '__pycache__', 'cached.py'), '');
    expect(await readFile(path.join(dir, 'new', 'lru_cache.py'), 'utf8')).toBe('x = 1\n');
    expect(await listPythonFiles(path.join(dir, 'new'))).toEqual(['lru_cache.py', 'pkg/test_x.py']);
  });

  it.each(['../escape.py', '/etc/evil.py', 'a/../../escape.py'])(
    'refuses to write %s outside the workspace',
    async (p) => {
      const attempt = writeFiles(dir, [{ path: p, content: '' }]);
      await expect(attempt).rejects.toSatisfy(
        (e: unknown) => isHarnessError(e) && e.message.includes('outside the workspace'),
      );
    },
  );

  it('copies a tree without caches', async () => {
    await writeFiles(path.join(dir, 'src'), [
      { path: 'a.py', content: 'a\n' },
      { path: 'sub/b.py', content: 'b\n' },
      { path: '__pycache__/a.cpython-311.pyc', content: '' },
      { path: 'node_modules/x.js', content: '' },
    ]);
    await copyDir(path.join(dir, 'src'), path.join(dir, 'dest'));
    expect((await readdir(path.join(dir, 'dest'))).sort()).toEqual(['a.py', 'sub']);
    expect(await readFile(path.join(dir, 'dest', 'sub', 'b.py'), 'utf8')).toBe('b\n');
  });

  it('removes a workspace, and a missing one without error', async () => {
    const other = await createWorkspace('workspace-test-');
    await removeWorkspace(other);
    await expect(stat(other)).rejects.toThrow();
    await expect(removeWorkspace(other)).resolves.toBeUndefined();
  });
});
