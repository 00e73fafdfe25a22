/** `pnpm bench` as a user runs it, for the end-to-end tests: a real process, its exit code and output. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { repoRoot } from '../../modes/environment.ts';

// node --import tsx, not the tsx binary: killing tsx would leave its node child running.
const node = [process.execPath, '--import', 'tsx'];
const main = path.join(repoRoot, 'harness', 'cli', 'main.ts');

/** Runs `pnpm bench ARGS` from the repository root; never throws on a non-zero exit. */
export function benchCli(args: readonly string[], options: { timeoutMs: number; env?: Record<string, string> }) {
  return execa(node[0] as string, [...node.slice(1), main, ...args], {
    cwd: repoRoot,
    reject: false,
    timeout: options.timeoutMs,
    env: { ...options.env, NO_COLOR: '1' },
  });
}

/** The ids of the runs DIR/runs.jsonl holds, in order ([] when there is none yet). */
export async function runIds(dir: string): Promise<string[]> {
  const text = await readFile(path.join(dir, 'runs.jsonl'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => (JSON.parse(line) as { id: string }).id);
}
