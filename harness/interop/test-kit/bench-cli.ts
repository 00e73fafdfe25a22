/**
 * Test instrument: `pnpm bench` as a user runs it (the real CLI in its own process), and what it
 * wrote: the validated report.json and each run's exchange records (runs/<run>/exchanges.jsonl).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import type { ExchangeRecord } from '../../core/exchange.ts';
import type { RunRecord } from '../../core/run.ts';
import { repoRoot } from '../../modes/environment.ts';
import type { BenchReport } from '../../report/types.ts';
import { readReportFile } from '../../report/validate.ts';

const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
const main = path.join(repoRoot, 'harness', 'cli', 'main.ts');

export interface BenchCliRun {
  outDir: string;
  /** Resolves when the CLI exits (never rejects for a non-zero exit). */
  finished: Promise<{ exitCode: number | undefined; stdout: string; stderr: string }>;
}

/** Start `pnpm bench <args> --out <fresh dir>`; the caller awaits `finished`. */
export async function startBenchCli(args: readonly string[], timeoutMs = 300_000): Promise<BenchCliRun> {
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'interop-bench-'));
  const finished = execa(tsx, [main, ...args, '--out', outDir], {
    cwd: repoRoot,
    reject: false,
    timeout: timeoutMs,
    env: { NO_COLOR: '1' },
  }).then(({ exitCode, stdout, stderr }) => ({ exitCode, stdout, stderr }));
  return { outDir, finished };
}

/** Run the bench to the end; throws with its stderr when it did not exit 0. */
export async function runBenchCli(
  args: readonly string[],
  timeoutMs?: number,
): Promise<BenchReport & { outDir: string }> {
  const run = await startBenchCli(args, timeoutMs);
  const result = await run.finished;
  if (result.exitCode !== 0) {
    throw new Error(
      `pnpm bench ${args.join(' ')} exited ${result.exitCode} (output kept in ${run.outDir}):\n${result.stderr.slice(-3000)}`,
    );
  }
  return { ...(await readReportFile(path.join(run.outDir, 'report.json'))).report, outDir: run.outDir };
}

/** The exchange records the proxy wrote for one run. */
export async function readExchanges(outDir: string, run: RunRecord): Promise<ExchangeRecord[]> {
  const file = path.join(outDir, run.artifacts.exchanges ?? path.join('runs', run.id, 'exchanges.jsonl'));
  const text = await readFile(file, 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as ExchangeRecord);
}

/** Remove a bench's output directory. */
export function removeBenchOutput(outDir: string): Promise<void> {
  return rm(outDir, { recursive: true, force: true });
}
