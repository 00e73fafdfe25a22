/** `pnpm bench compare <base.json> <head.json>`: what changed between two reports. */
import { HarnessError } from '../../core/errors.ts';
import { compareReports, hasRegression, renderComparison } from '../../report/compare.ts';
import { subcommands } from '../command-table.ts';
import { parseCommandArgs } from '../parse-command-args.ts';
import { readReportsFor } from './read-reports.ts';

export async function runCompareCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, subcommands.compare);
  if (positionals.length !== 2)
    throw new HarnessError('USAGE', 'compare takes exactly two reports: <base.json> <head.json>.');
  const format = values.format ?? 'table';
  if (!['md', 'table', 'json'].includes(format))
    throw new HarnessError('USAGE', `--format must be md, table or json; got "${format}".`);
  const threshold = values.threshold === undefined ? undefined : Number(values.threshold);
  if (threshold !== undefined && (!Number.isFinite(threshold) || threshold <= 0 || threshold >= 10)) {
    throw new HarnessError('USAGE', `--threshold must be a fraction such as 0.1 (10%); got "${values.threshold}".`);
  }
  const [base, head] = await readReportsFor(positionals);
  if (base === undefined || head === undefined) throw new HarnessError('USAGE', 'compare takes exactly two reports.');
  const comparison = compareReports(base, head, threshold === undefined ? {} : { noiseThreshold: threshold });
  process.stdout.write(`${renderComparison(comparison, format as 'md' | 'table' | 'json')}\n`);
  return values['fail-on-regression'] === true && hasRegression(comparison) ? 1 : 0;
}
