import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { isTestFileName } from './sort-blocks.ts';
import { listPythonFiles } from './workspace.ts';

const TEST_FUNCTION = /^[ \t]*(?:async[ \t]+)?def[ \t]+test\w*[ \t]*\(/gm;

/** How many test functions (`def test…(`) a source text defines, whether or not it imports. */
export function countTestFunctions(source: string): number {
  return source.match(TEST_FUNCTION)?.length ?? 0;
}

/**
 * Static test counts per target file (relative to `cwd`, with `/`): a target that is a
 * directory contributes its `test_*.py` / `*_test.py` files. Unreadable targets count 0.
 */
export async function countTestsStatically(cwd: string, targets: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const target of targets) {
    const absolute = path.resolve(cwd, target);
    const info = await stat(absolute).catch(() => null);
    if (info === null) continue;
    const files = info.isDirectory()
      ? (await listPythonFiles(absolute)).filter(isTestFileName).map((f) => path.join(absolute, f))
      : [absolute];
    for (const file of files) {
      const source = await readFile(file, 'utf8').catch(() => '');
      counts.set(path.relative(cwd, file).split(path.sep).join('/'), countTestFunctions(source));
    }
  }
  return counts;
}
