/** Reading what the agent left in its workspace. */
import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { isTestFileName } from '../../grading/sort-blocks.ts';
import type { ExtractedFile } from '../../grading/types.ts';
import type { TaskArtifact } from '../../tasks/types.ts';
import type { WorkspaceFile } from './collect-evidence.ts';
import { artifactRole } from './collect-evidence.ts';

const SKIPPED_DIRS = new Set(['__pycache__', '.pytest_cache', 'node_modules', '.venv', 'venv', '.git']);
/** Larger files are listed with empty content (nothing the task asks for is that big). */
const MAX_READ_BYTES = 1_000_000;

/** Every file under `dir` (relative, with `/`), sorted, caches and VCS folders skipped. */
export async function readWorkspaceFiles(dir: string): Promise<WorkspaceFile[]> {
  const files: WorkspaceFile[] = [];
  const walk = async (current: string, rel: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const relPath = rel === '' ? entry.name : `${rel}/${entry.name}`;
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) await walk(full, relPath);
      } else if (entry.isFile() && !entry.name.endsWith('.pyc')) {
        const size = (await stat(full)).size;
        files.push({ path: relPath, content: size <= MAX_READ_BYTES ? await readFile(full, 'utf8') : '' });
      }
    }
  };
  await walk(dir, '');
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

/** The workspace's Python files in grading's shape (for corruption detection and the repair). */
export function pythonFilesAsExtracted(
  files: readonly WorkspaceFile[],
  artifacts: readonly TaskArtifact[],
): ExtractedFile[] {
  return files
    .filter((f) => f.path.endsWith('.py'))
    .map((f) => {
      const role = artifactRole(f, artifacts) ?? (isTestFileName(f.path) ? 'test' : 'implementation');
      return { path: f.path, role: role === 'test' ? 'test' : 'implementation', content: f.content, fromBlock: -1 };
    });
}
