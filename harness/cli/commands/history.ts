/** `pnpm bench history <report.json | DIR>... --out DIR`: the nightly history as a static site. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { HarnessError } from '../../core/errors.ts';
import { buildHistorySite } from '../../history/build-site.ts';

export async function runHistoryCommand(argv: string[]): Promise<number> {
  const config = {
    args: argv,
    strict: true,
    allowPositionals: true,
    options: { out: { type: 'string' }, debug: { type: 'boolean' } },
  } as const;
  let parsed: ReturnType<typeof parseArgs<typeof config>>;
  try {
    parsed = parseArgs(config);
  } catch (error) {
    throw new HarnessError('USAGE', (error as Error).message.split('\n')[0] ?? 'bad arguments');
  }
  const { values, positionals } = parsed;
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
