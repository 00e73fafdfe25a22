/** Helpers shared by the raw and agent runners for building records and artifacts. */
import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { ExchangeRecord } from '../core/exchange.ts';
import type { RunMetrics, RunRecord, RunStatus, TestResults } from '../core/run.ts';
import type { RunContext } from './context.ts';

export function emptyTests(): TestResults {
  return { model: { passed: 0, total: 0 }, reference: { passed: 0, total: 0 } };
}

/** Path of `absolute` relative to the report directory (what RunRecord.artifacts holds). */
export function rel(ctx: Pick<RunContext, 'reportDir'>, absolute: string): string {
  return path.relative(ctx.reportDir, absolute).split(path.sep).join('/');
}

/** Append the run's exchange records to <runDir>/exchanges.jsonl; returns the file path. */
export async function appendExchanges(runDir: string, exchanges: readonly ExchangeRecord[]): Promise<string> {
  await mkdir(runDir, { recursive: true });
  const file = path.join(runDir, 'exchanges.jsonl');
  await appendFile(file, exchanges.map((e) => `${JSON.stringify(e)}\n`).join(''));
  return file;
}

export interface RecordBase {
  id: string;
  model: string;
  task: string;
  mode: RunRecord['mode'];
  attempt: number;
  rescue: boolean;
  metrics: RunMetrics;
  artifacts: Record<string, string>;
  exchangeIds: string[];
  startedAt: string;
}

/** A run whose outcome is not the model's: timeout or infrastructure error, no level. */
export function infraRecord(
  base: RecordBase,
  status: Exclude<RunStatus, 'completed'>,
  code: string,
  message: string,
): RunRecord {
  return {
    ...base,
    status,
    level: null,
    label: null,
    fixable: null,
    fixability: null,
    evidence: [
      {
        kind: status,
        quote: message.slice(0, 300),
        shows:
          status === 'timeout'
            ? 'the run hit its time limit'
            : 'the backend or harness failed; no model level is given',
      },
    ],
    tests: emptyTests(),
    testsAfterRepair: null,
    protocolErrors: [],
    smokeChecks: null,
    securityEvents: [],
    error: { code, message },
    finishedAt: new Date().toISOString(),
  };
}
