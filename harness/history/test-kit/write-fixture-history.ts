/**
 * Writes the synthetic fixture history to fixtures/history/ (one <date>.report.json a night).
 * Run after changing the plan: pnpm tsx harness/history/test-kit/write-fixture-history.ts
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixturePlan } from './plans.ts';
import { syntheticHistory } from './synthetic-history.ts';

/** fixtures/history/ of this checkout. */
export const fixtureHistoryDir = fileURLToPath(new URL('../../../fixtures/history/', import.meta.url));

/** The file name of a night's report in a history folder (as on the bench-history branch). */
export function nightFileName(startedAt: string): string {
  return `${startedAt.slice(0, 10)}.report.json`;
}

/** The fixture files: name → text. */
export function fixtureHistoryFiles(): Map<string, string> {
  return new Map(
    syntheticHistory(fixturePlan).map(({ report }) => [
      nightFileName(report.startedAt),
      `${JSON.stringify(report, null, 1)}\n`,
    ]),
  );
}

async function main(): Promise<void> {
  await mkdir(fixtureHistoryDir, { recursive: true });
  for (const name of await readdir(fixtureHistoryDir)) {
    if (name.endsWith('.report.json')) await rm(path.join(fixtureHistoryDir, name));
  }
  const files = fixtureHistoryFiles();
  for (const [name, text] of files) await writeFile(path.join(fixtureHistoryDir, name), text);
  process.stdout.write(`wrote ${files.size} nights to ${fixtureHistoryDir}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
