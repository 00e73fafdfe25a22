/**
 * The commands of `pnpm bench`: for each, a one-line summary, the node:util parseArgs options it
 * accepts and how to load the code that runs it. main.ts dispatches from this table; the workflow
 * checks in harness/ci import it to know which flags a call may pass. Loading is lazy, so reading
 * the table costs nothing and `pnpm bench compare` does not load the proxy.
 */
import type { ParseArgsConfig } from 'node:util';
import { benchOptionSpec } from './parse-bench-args.ts';

/** A command's flags, as node:util parseArgs takes them. */
export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** A command's entry point: argv after the subcommand → exit status. */
export type RunCommand = (argv: string[]) => Promise<number>;

/** One command of the table. */
export interface CliCommand {
  /** What it does, in one line. */
  summary: string;
  /** Its flags, as node:util parseArgs takes them. */
  options: OptionSpec;
  /** Whether it takes arguments that are not flags (report files, folders). */
  positionals: boolean;
  load: () => Promise<RunCommand>;
}

/** `pnpm bench --model …`: the plain run, chosen when the first argument names no subcommand. */
export const benchCommand = {
  summary: 'Run tasks against models and write report.json, report.md and runs.csv.',
  options: benchOptionSpec,
  positionals: false,
  load: (): Promise<RunCommand> => import('./commands/bench.ts').then((m) => m.runBenchCommand),
} as const satisfies CliCommand;

/** Subcommand name → its entry. */
export const subcommands = {
  proxy: {
    summary: 'Serve the Anthropic Messages proxy in front of one backend, for Claude Code or any client.',
    options: {
      backend: { type: 'string' },
      'base-url': { type: 'string' },
      model: { type: 'string' },
      port: { type: 'string' },
      rescue: { type: 'boolean' },
      log: { type: 'string' },
      'num-ctx': { type: 'string' },
      think: { type: 'boolean' },
      'max-concurrency': { type: 'string' },
      housekeeping: { type: 'string' },
      'alias-file': { type: 'string', multiple: true },
      'loop-limit': { type: 'string' },
      debug: { type: 'boolean' },
    },
    positionals: false,
    load: (): Promise<RunCommand> => import('./commands/proxy.ts').then((m) => m.runProxyCommand),
  },
  sim: {
    summary: 'Serve the scripted model server (not a real model) on its own port.',
    options: { port: { type: 'string' }, debug: { type: 'boolean' } },
    positionals: false,
    load: (): Promise<RunCommand> => import('./commands/sim.ts').then((m) => m.runSimCommand),
  },
  compare: {
    summary: 'Say what changed between two reports; exit 1 on a regression with --fail-on-regression.',
    options: {
      'fail-on-regression': { type: 'boolean' },
      format: { type: 'string' },
      threshold: { type: 'string' },
      debug: { type: 'boolean' },
    },
    positionals: true,
    load: (): Promise<RunCommand> => import('./commands/compare.ts').then((m) => m.runCompareCommand),
  },
  merge: {
    summary: 'Join the reports of matrix shards into one report.',
    options: { out: { type: 'string' }, debug: { type: 'boolean' } },
    positionals: true,
    load: (): Promise<RunCommand> => import('./commands/merge.ts').then((m) => m.runMergeCommand),
  },
  history: {
    summary: 'Build the static history site from nightly reports.',
    options: { out: { type: 'string' }, debug: { type: 'boolean' } },
    positionals: true,
    load: (): Promise<RunCommand> => import('./commands/history.ts').then((m) => m.runHistoryCommand),
  },
} as const satisfies Record<string, CliCommand>;

/** A subcommand's name. */
export type Subcommand = keyof typeof subcommands;

/** True when `name` is a subcommand of the table. */
export function isSubcommand(name: string): name is Subcommand {
  return Object.hasOwn(subcommands, name);
}
