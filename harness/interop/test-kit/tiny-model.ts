/**
 * Where the tiny random GGUF lives: `LLM_BENCH_TINY_GGUF`, else `shared/models/` beside the checkout
 * (`../shared/models/` from the repo root; a git worktree one level deeper finds it too). The file is
 * never committed into the project: see /work/shared/models/README.md.
 */
import { access } from 'node:fs/promises';
import path from 'node:path';

export const tinyModelEnv = 'LLM_BENCH_TINY_GGUF';
const fileName = 'llama-2-tiny-random.gguf';

/** Candidate paths in the order they are tried. */
export function tinyModelCandidates(repoRoot: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const override = env[tinyModelEnv];
  if (override !== undefined && override !== '') return [path.resolve(override)];
  const candidates: string[] = [];
  let dir = path.dirname(path.resolve(repoRoot));
  for (;;) {
    candidates.push(path.join(dir, 'shared', 'models', fileName));
    const parent = path.dirname(dir);
    if (parent === dir) return candidates;
    dir = parent;
  }
}

/** The model's path; throws one line naming where it looked and the override when it is missing. */
export async function findTinyModel(repoRoot: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const candidates = tinyModelCandidates(repoRoot, env);
  for (const candidate of candidates) {
    if (
      await access(candidate).then(
        () => true,
        () => false,
      )
    )
      return candidate;
  }
  throw new Error(
    `interop: the tiny test model ${fileName} is missing (looked for ${candidates[0]}${candidates.length > 1 ? ' and above' : ''}); put it at ../shared/models/ beside the checkout or set ${tinyModelEnv}=/path/to/${fileName}.`,
  );
}
