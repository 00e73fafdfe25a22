/** Helpers shared by the raw and agent runners for building records and artifacts. */
import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { ExchangeRecord } from '../core/exchange.ts';
import { encodeExchangeLog } from '../core/exchange-log.ts';
import type {
  Classification,
  CompletedRun,
  Evidence,
  FailedRun,
  Fixability,
  InfraCause,
  SmokeChecks,
  TestResults,
} from '../core/run.ts';
import { infraCauses, labelForLevel } from '../core/run.ts';
import type { RunContext } from './context.ts';

export function emptyTests(): TestResults {
  return { model: { passed: 0, total: 0 }, reference: { passed: 0, total: 0 } };
}

/** Path of `absolute` relative to the report directory (what RunRecord.artifacts holds). */
export function rel(ctx: Pick<RunContext, 'reportDir'>, absolute: string): string {
  return path.relative(ctx.reportDir, absolute).split(path.sep).join('/');
}

/**
 * Append the run's exchange records to <runDir>/exchanges.jsonl, large values stored once
 * (core/exchange-log.ts; read it back with readExchanges); returns the file path.
 */
export async function appendExchanges(runDir: string, exchanges: readonly ExchangeRecord[]): Promise<string> {
  await mkdir(runDir, { recursive: true });
  const file = path.join(runDir, 'exchanges.jsonl');
  await appendFile(file, encodeExchangeLog(exchanges));
  return file;
}

/** What every run record has, whatever its outcome. */
export type RecordBase = Omit<FailedRun, 'status' | 'cause' | 'message' | 'evidence' | 'finishedAt'>;

/** A graded run: the classification decides level, label and kind. */
export function completedRecord(
  base: RecordBase,
  outcome: {
    classification: Classification;
    evidence: Evidence[];
    tests: TestResults;
    fixability: Fixability;
    smokeChecks: SmokeChecks | null;
  },
): CompletedRun {
  const { level, kind } = outcome.classification;
  return {
    ...base,
    status: 'completed',
    level,
    label: labelForLevel[level],
    kind,
    evidence: outcome.evidence,
    tests: outcome.tests,
    fixability: outcome.fixability,
    smokeChecks: outcome.smokeChecks,
    finishedAt: new Date().toISOString(),
  } as CompletedRun;
}

/** A run whose outcome is not the model's: timeout or infrastructure error, no level. */
export function failedRecord(
  base: RecordBase,
  cause: InfraCause,
  message: string,
  evidence: readonly Evidence[] = [],
): FailedRun {
  const status = cause === 'time_limit' ? 'timeout' : 'infra_error';
  const deciding: Evidence = {
    kind: status === 'timeout' ? 'timeout' : 'infra',
    quote: message.slice(0, 300),
    shows: `${infraCauses[cause]}; no model level is given`,
  };
  return { ...base, status, cause, message, evidence: [deciding, ...evidence], finishedAt: new Date().toISOString() };
}
