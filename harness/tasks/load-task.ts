import { createHash } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HarnessError } from '../core/errors.ts';
import type { TaskDefinition } from './types.ts';
import { validateTaskJson } from './validate-task.ts';

/** `<repo>/tasks`, resolved from this file's location. */
export const defaultTasksRoot: string = fileURLToPath(new URL('../../tasks/', import.meta.url)).replace(/[\\/]$/, '');

/** Ids of the tasks under `tasksRoot`: every directory holding a task.json, sorted. */
export async function listTaskIds(tasksRoot: string = defaultTasksRoot): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(tasksRoot, { withFileTypes: true });
  } catch (error) {
    throw new HarnessError(
      'CONFIG_INVALID',
      `Cannot read the tasks directory ${tasksRoot} (${(error as NodeJS.ErrnoException).code ?? String(error)}). Check the path.`,
      { cause: error },
    );
  }
  const ids: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    if (await isFile(path.join(tasksRoot, entry.name, 'task.json'))) ids.push(entry.name);
  }
  return ids.sort();
}

/**
 * Load and validate `tasks/<id>/task.json`, read its prompt and resolve its paths.
 * Throws HarnessError USAGE for an unknown id (listing the known ones) and CONFIG_INVALID for a
 * task.json that is not JSON, fails the schema, or names a missing prompt or reference dir.
 */
export async function loadTask(id: string, tasksRoot: string = defaultTasksRoot): Promise<TaskDefinition> {
  const known = await listTaskIds(tasksRoot);
  if (!known.includes(id)) {
    throw new HarnessError(
      'USAGE',
      `Unknown task "${id}". Known tasks: ${known.join(', ') || '(none)'}; pass one of them to --tasks.`,
    );
  }
  const dir = path.resolve(tasksRoot, id);
  const file = path.join(dir, 'task.json');
  let content: unknown;
  try {
    content = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new HarnessError(
      'CONFIG_INVALID',
      `Invalid task definition ${file}: not valid JSON (${(error as Error).message}). Fix the file.`,
      { cause: error },
    );
  }
  const json = validateTaskJson(content, file);
  if (json.id !== id) {
    throw new HarnessError(
      'CONFIG_INVALID',
      `Invalid task definition ${file}: /id is "${json.id}" but the directory is "${id}". Make them equal.`,
    );
  }
  const promptPath = path.resolve(dir, json.promptFile);
  const referenceDir = path.resolve(dir, json.referenceDir);
  if (!isInside(dir, promptPath) || !(await isFile(promptPath))) {
    throw new HarnessError(
      'CONFIG_INVALID',
      `Invalid task definition ${file}: /promptFile "${json.promptFile}" is not a file inside ${dir}. Create it or fix the path.`,
    );
  }
  if (!isInside(dir, referenceDir) || !(await isDirectory(referenceDir))) {
    throw new HarnessError(
      'CONFIG_INVALID',
      `Invalid task definition ${file}: /referenceDir "${json.referenceDir}" is not a directory inside ${dir}. Create it or fix the path.`,
    );
  }
  const prompt = await readFile(promptPath, 'utf8');
  if (prompt.trim() === '') {
    throw new HarnessError(
      'CONFIG_INVALID',
      `Invalid task definition ${file}: the prompt ${promptPath} is empty. Write the prompt.`,
    );
  }
  return Object.freeze({
    id: json.id,
    title: json.title,
    promptFile: json.promptFile,
    prompt,
    dir,
    artifacts: Object.freeze(
      json.artifacts.map((a) =>
        Object.freeze({ role: a.role, file: a.file, recognise: Object.freeze([...a.recognise]) }),
      ),
    ),
    referenceDir,
    pythonModules: Object.freeze([...json.pythonModules]),
    limits: Object.freeze({ ...json.limits }),
    smokeChecks: json.smokeChecks,
    implementationClassHint: json.implementationClassHint ?? null,
  });
}

/**
 * sha256 (hex) over task.json, the prompt file and every file of the reference dir (by
 * relative path, sorted). A resumed run refuses to continue when this changed.
 */
export async function taskFingerprint(task: TaskDefinition): Promise<string> {
  const hash = createHash('sha256');
  const add = (label: string, bytes: Buffer) => {
    hash.update(`${label}\0${bytes.length}\0`);
    hash.update(bytes);
  };
  add('task.json', await readFile(path.join(task.dir, 'task.json')));
  add('prompt', await readFile(path.resolve(task.dir, task.promptFile)));
  for (const rel of await listFiles(task.referenceDir)) {
    add(`reference/${rel}`, await readFile(path.join(task.referenceDir, rel)));
  }
  return hash.digest('hex');
}

async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && !e.parentPath.split(path.sep).includes('__pycache__') && !e.name.endsWith('.pyc'))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

function isInside(dir: string, target: string): boolean {
  const rel = path.relative(dir, target);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

async function isFile(p: string): Promise<boolean> {
  return stat(p).then(
    (s) => s.isFile(),
    () => false,
  );
}

async function isDirectory(p: string): Promise<boolean> {
  return stat(p).then(
    (s) => s.isDirectory(),
    () => false,
  );
}
