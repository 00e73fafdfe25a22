/** `pnpm bench --model …`: the main job. */

import path from 'node:path';
import { stderrLogger, systemClock } from '../../core/context.ts';
import { runBench } from '../../modes/bench.ts';
import { readManifest } from '../../modes/manifest.ts';
import { renderConsoleSummary } from '../../report/console.ts';
import { parseBenchArgs } from '../parse-bench-args.ts';
import { settingsFromManifest } from '../resume-settings.ts';
import { benchUsage } from '../usage.ts';

export async function runBenchCommand(argv: string[]): Promise<number> {
  const parsed = parseBenchArgs(argv);
  if (parsed.help) {
    process.stdout.write(`${benchUsage}\n`);
    return 0;
  }
  let { settings, taskSelection } = parsed;
  if (parsed.settingsFromResume && settings.resumeDir !== null) {
    const manifest = await readManifest(path.resolve(settings.resumeDir));
    ({ settings, taskSelection } = settingsFromManifest(manifest, settings));
  }
  const logger = stderrLogger(settings.debug);
  let interrupted = false;
  const onSigint = (): void => {
    if (interrupted) process.exit(130);
    interrupted = true;
    process.stderr.write(
      `\ninterrupted: finished runs are in ${path.join(settings.outDir, 'runs.jsonl')}; finish with: pnpm bench --resume ${settings.outDir}\n`,
    );
    process.exit(130);
  };
  process.on('SIGINT', onSigint);
  const result = await runBench(settings, taskSelection, { clock: systemClock, logger });
  process.off('SIGINT', onSigint);
  process.stdout.write(`${renderConsoleSummary(result.report)}\n`);
  process.stdout.write(`\nReport: ${path.relative(process.cwd(), result.files.md)}\n`);
  process.stdout.write(`JSON:   ${path.relative(process.cwd(), result.files.json)}\n`);
  process.stdout.write(`CSV:    ${path.relative(process.cwd(), result.files.csv)}\n`);
  return 0;
}
