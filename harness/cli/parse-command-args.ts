/** node:util parseArgs for one command of the table, with its errors as one-line USAGE errors. */
import { parseArgs } from 'node:util';
import { HarnessError } from '../core/errors.ts';
import type { OptionSpec } from './command-table.ts';
import { describeParseError } from './parse-bench-args.ts';

/** Parses `argv` strictly against the command's options; the values keep parseArgs' inferred types. */
export function parseCommandArgs<const Options extends OptionSpec, const Positionals extends boolean>(
  argv: string[],
  command: { options: Options; positionals: Positionals },
) {
  try {
    return parseArgs({ args: argv, options: command.options, strict: true, allowPositionals: command.positionals });
  } catch (error) {
    throw new HarnessError('USAGE', describeParseError(error as Error));
  }
}
