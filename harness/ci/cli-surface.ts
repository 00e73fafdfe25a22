/**
 * What the workflow may call, read from the project itself: package.json scripts, the subcommands
 * of `pnpm bench` (the `commands` record in harness/cli/main.ts) and the flags each one parses.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { benchOptionSpec } from '../cli/parse-bench-args.ts';
import { HarnessError } from '../core/errors.ts';

export interface CliSurface {
  /** package.json script names. */
  scripts: ReadonlySet<string>;
  /** The script that runs harness/cli/main.ts, whose first argument may be a subcommand. */
  cliScript: string;
  /** Flags of the plain `pnpm bench --model …` run, without the leading dashes. */
  benchFlags: ReadonlySet<string>;
  /** Subcommand → the flags it parses. */
  subcommands: ReadonlyMap<string, ReadonlySet<string>>;
}

/** The `commands` record of main.ts as subcommand → the function it calls. */
export function commandsFromMain(source: string): Map<string, string> {
  const record = /const commands\b[^{]*?=\s*\{([^}]*)\}/.exec(source);
  if (record === null)
    throw new HarnessError(
      'CONFIG_INVALID',
      'harness/cli/main.ts has no `const commands = { … }` record; update harness/ci/cli-surface.ts.',
    );
  const entries = [...(record[1] as string).matchAll(/['"]?([\w-]+)['"]?\s*:\s*(\w+)/g)];
  return new Map(entries.map((m) => [m[1] as string, m[2] as string]));
}

/** The module main.ts imports `functionName` from, e.g. "./commands/compare.ts". */
export function importPathOf(source: string, functionName: string): string | null {
  for (const m of source.matchAll(/import\s*\{([^}]*)\}\s*from\s*['"]([^'"]+)['"]/g)) {
    const names = (m[1] as string).split(',').map((n) =>
      n
        .trim()
        .split(/\s+as\s+/)
        .pop(),
    );
    if (names.includes(functionName)) return m[2] as string;
  }
  return null;
}

/** Option names declared as `name: { type: … }` (node:util parseArgs style) in a source file. */
export function parseArgsOptionNames(source: string): string[] {
  return [...source.matchAll(/['"]?([a-z][\w-]*)['"]?\s*:\s*\{\s*type\s*:/g)].map((m) => m[1] as string);
}

/** Reads the CLI surface of the project at `root`. */
export async function readCliSurface(root: string): Promise<CliSurface> {
  const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  const scripts = pkg.scripts ?? {};
  const mainFile = path.join(root, 'harness/cli/main.ts');
  const cliScript = Object.keys(scripts).find((name) =>
    /^tsx\s+harness\/cli\/main\.ts\s*$/.test(scripts[name] as string),
  );
  if (cliScript === undefined)
    throw new HarnessError(
      'CONFIG_INVALID',
      'No package.json script runs "tsx harness/cli/main.ts"; update harness/ci/cli-surface.ts.',
    );
  const mainSource = await readFile(mainFile, 'utf8');
  const subcommands = new Map<string, ReadonlySet<string>>();
  for (const [name, fn] of commandsFromMain(mainSource)) {
    const from = importPathOf(mainSource, fn);
    if (from === null)
      throw new HarnessError(
        'CONFIG_INVALID',
        `main.ts calls ${fn} for "${name}" but does not import it; update harness/ci/cli-surface.ts.`,
      );
    const source = await readFile(path.resolve(path.dirname(mainFile), from), 'utf8');
    subcommands.set(name, new Set(parseArgsOptionNames(source)));
  }
  return {
    scripts: new Set(Object.keys(scripts)),
    cliScript,
    benchFlags: new Set(Object.keys(benchOptionSpec)),
    subcommands,
  };
}
