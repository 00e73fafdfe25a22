/** Finding the `pnpm …` calls in a shell script and what each one runs. */
import { shellCommands } from './shell-commands.ts';

export interface PnpmCall {
  /** The package.json script or pnpm command named, e.g. "bench" or "install". */
  name: string;
  /** True for pnpm's own commands (install, exec, dlx…), false for package.json scripts. */
  builtin: boolean;
  /** The words after the name. */
  args: string[];
  /** True when its failure cannot end a `set -e` script (`pnpm x || status=$?`, `if pnpm x`). */
  guarded: boolean;
  /** The call as one line, for messages. */
  text: string;
}

// pnpm's own commands; any other first word runs the package.json script of that name
// (test, start, stop and restart are scripts too, so they are not listed).
const pnpmCommands = new Set([
  'add',
  'approve-builds',
  'audit',
  'bin',
  'cat-file',
  'cat-index',
  'config',
  'create',
  'dedupe',
  'deploy',
  'dlx',
  'doctor',
  'env',
  'exec',
  'fetch',
  'find-hash',
  'get',
  'help',
  'i',
  'ignored-builds',
  'import',
  'init',
  'install',
  'install-test',
  'it',
  'licenses',
  'link',
  'list',
  'ln',
  'ls',
  'outdated',
  'pack',
  'patch',
  'patch-commit',
  'patch-remove',
  'prune',
  'publish',
  'rb',
  'rebuild',
  'remove',
  'rm',
  'root',
  'self-update',
  'server',
  'set',
  'setup',
  'store',
  'un',
  'uninstall',
  'unlink',
  'up',
  'update',
  'upgrade',
  'why',
]);
const optionsWithValue = new Set(['-C', '--dir', '-F', '--filter', '--workspace-dir', '--reporter', '--loglevel']);

/** Every `pnpm` call among the simple commands of `script`. */
export function pnpmCalls(script: string): PnpmCall[] {
  const calls: PnpmCall[] = [];
  for (const { words, guarded } of shellCommands(script)) {
    if (words[0] !== 'pnpm') continue;
    let i = 1;
    while (i < words.length && (words[i] as string).startsWith('-'))
      i += optionsWithValue.has(words[i] as string) ? 2 : 1;
    let name = words[i];
    if (name === undefined) continue;
    let builtin = pnpmCommands.has(name);
    if (name === 'run' || name === 'run-script') {
      i += 1;
      while (i < words.length && (words[i] as string).startsWith('-')) i += 1;
      name = words[i];
      if (name === undefined) continue;
      builtin = false;
    }
    calls.push({ name, builtin, args: words.slice(i + 1), guarded, text: words.join(' ') });
  }
  return calls;
}
