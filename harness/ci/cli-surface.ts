/**
 * What the workflow may call, read from the project itself: package.json scripts, and from the CLI's
 * command table (harness/cli/command-table.ts) the subcommands of `pnpm bench` and the flags each parses.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { benchCommand, subcommands } from '../cli/command-table.ts';
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

/** Reads the CLI surface of the project at `root`. */
export async function readCliSurface(root: string): Promise<CliSurface> {
  const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  const scripts = pkg.scripts ?? {};
  const cliScript = Object.keys(scripts).find((name) =>
    /^tsx\s+harness\/cli\/main\.ts\s*$/.test(scripts[name] as string),
  );
  if (cliScript === undefined)
    throw new HarnessError(
      'CONFIG_INVALID',
      'No package.json script runs "tsx harness/cli/main.ts"; update harness/ci/cli-surface.ts.',
    );
  return {
    scripts: new Set(Object.keys(scripts)),
    cliScript,
    benchFlags: new Set(Object.keys(benchCommand.options)),
    subcommands: new Map(
      Object.entries(subcommands).map(([name, command]) => [name, new Set(Object.keys(command.options))]),
    ),
  };
}
