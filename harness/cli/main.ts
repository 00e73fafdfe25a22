/**
 * `pnpm bench …` entry point. Parses argv, runs the command, prints the outcome. The only place
 * that calls process.exit.
 */
import { stderrLogger } from '../core/context.ts';
import { exitCodeFor, isHarnessError } from '../core/errors.ts';
import { benchCommand, isSubcommand, subcommands } from './command-table.ts';
import { benchUsage } from './usage.ts';

async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first !== undefined && isSubcommand(first)) return (await subcommands[first].load())(rest);
  return (await benchCommand.load())(argv);
}

const argv = process.argv.slice(2).filter((a, i) => !(i === 0 && a === '--'));
const debug = argv.includes('--debug');
main(argv).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const log = stderrLogger(debug);
    if (isHarnessError(error)) {
      process.stderr.write(`error: ${error.message}\n`);
      if (error.code === 'USAGE') process.stderr.write(`\n${benchUsage}\n`);
      if (debug && error.stack) log.debug(error.stack);
      process.exit(exitCodeFor[error.code]);
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: ${message} (internal error; rerun with --debug for the stack)\n`);
    if (debug && error instanceof Error && error.stack) log.debug(error.stack);
    process.exit(1);
  },
);
