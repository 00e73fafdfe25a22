import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HarnessError } from '../core/errors.ts';

/** Directory names never copied into or listed from a workspace. */
const SKIPPED_DIRS = new Set(['__pycache__', 'node_modules', 'venv', '.venv', '.git', '.pytest_cache']);

/** A fresh empty directory under the OS temp dir, e.g. `/tmp/bench-raw-AbC123`. */
export async function createWorkspace(prefix: string): Promise<string> {
  return mkdtemp(path.join(tmpdir(), prefix));
}

/**
 * Write files (relative paths) under `dir`, creating it and any subdirectory. Refuses a path
 * that would land outside `dir`: file names come from model output.
 */
export async function writeFiles(dir: string, files: readonly { path: string; content: string }[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const file of files) {
    const target = path.resolve(dir, file.path);
    const rel = path.relative(path.resolve(dir), target);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) {
      throw new HarnessError('INTERNAL', `Refusing to write "${file.path}" outside the workspace ${dir}.`);
    }
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.content);
  }
}

/** Copy a directory tree, leaving out caches, virtualenvs and VCS folders. */
export async function copyDir(from: string, to: string): Promise<void> {
  await cp(from, to, {
    recursive: true,
    filter: (source) => !SKIPPED_DIRS.has(path.basename(source)) && !source.endsWith('.pyc'),
  });
}

/**
 * Relative paths (with `/`) of the `.py` files under `dir`, sorted; hidden directories, caches
 * and virtualenvs are skipped. In agent mode this is what the model wrote.
 */
export async function listPythonFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (current: string, rel: string): Promise<void> => {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name)) continue;
        await walk(path.join(current, entry.name), rel === '' ? entry.name : `${rel}/${entry.name}`);
      } else if (entry.isFile() && entry.name.endsWith('.py')) {
        found.push(rel === '' ? entry.name : `${rel}/${entry.name}`);
      }
    }
  };
  await walk(dir, '');
  return found.sort();
}

/** Delete a workspace; a missing one is fine. */
export async function removeWorkspace(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
