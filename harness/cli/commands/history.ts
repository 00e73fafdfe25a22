/** `pnpm bench history <report.json | DIR>... --out DIR`: the nightly history as a static site. */
import path from 'node:path';
import { HarnessError } from '../../core/errors.ts';
import { buildHistorySite } from '../../history/build-site.ts';
import { subcommands } from '../command-table.ts';
import { parseCommandArgs } from '../parse-command-args.ts';

export async function runHistoryCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, subcommands.history);
  if (positionals.length < 1)
    throw new HarnessError(
      'USAGE',
      'history takes report.json files or folders holding them (a results folder, the bench-history branch).',
    );
  if (!values.out) throw new HarnessError('USAGE', 'history needs --out DIR for the site.');
  const site = await buildHistorySite(positionals, path.resolve(values.out));
  process.stdout.write(
    `History of ${site.nights} night(s), ${site.runs} runs → ${path.relative(process.cwd(), site.index)} (data: ${path.relative(process.cwd(), site.dataFile)})\n`,
  );
  return 0;
}
