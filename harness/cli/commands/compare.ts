/** `pnpm bench compare <base.json> <head.json>`: what changed between two reports. */
import { parseArgs } from 'node:util';
import { HarnessError } from '../../core/errors.ts';
import { compareReports, hasRegression, renderComparison } from '../../report/compare.ts';
import { readReportsFor } from './read-reports.ts';

export async function runCompareCommand(argv: string[]): Promise<number> {
  const config = {
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      'fail-on-regression': { type: 'boolean' },
      format: { type: 'string' },
      threshold: { type: 'string' },
      debug: { type: 'boolean' },
    },
  } as const;
  let parsed: ReturnType<typeof parseArgs<typeof config>>;
  try {
    parsed = parseArgs(config);
  } catch (error) {
    throw new HarnessError('USAGE', (error as Error).message.split('\n')[0] ?? 'bad arguments');
  }
  const { values, positionals } = parsed;
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
