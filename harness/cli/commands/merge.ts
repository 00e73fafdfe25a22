/** `pnpm bench merge <report.json>... --out DIR`: join matrix shards into one report. */
import path from 'node:path';
import { HarnessError } from '../../core/errors.ts';
import { mergeReports } from '../../report/merge.ts';
import { writeReportFiles } from '../../report/write-report.ts';
import { subcommands } from '../command-table.ts';
import { parseCommandArgs } from '../parse-command-args.ts';
import { readReportsFor } from './read-reports.ts';

export async function runMergeCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, subcommands.merge);
  if (positionals.length < 1) throw new HarnessError('USAGE', 'merge takes one or more report.json files.');
  if (!values.out) throw new HarnessError('USAGE', 'merge needs --out DIR for the merged report.');
  const reports = await readReportsFor(positionals);
  const merged = mergeReports(reports);
  const files = await writeReportFiles(path.resolve(values.out), merged);
  process.stdout.write(
    `Merged ${reports.length} report(s), ${merged.runs.length} runs → ${path.relative(process.cwd(), files.md)}\n`,
  );
  return 0;
}
