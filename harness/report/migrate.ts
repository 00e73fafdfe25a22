/** Bringing an older report.json up to the current schema version before it is used. */
import { HarnessError } from '../core/errors.ts';
import type { V1Report } from './migrate-v1.ts';
import { migrateV1 } from './migrate-v1.ts';
import type { BenchReport } from './schema.ts';
import { reportSchemaVersion } from './schema.ts';

/** The oldest schema version this harness reads. */
export const oldestReadableVersion = 1;

/**
 * The versions and what reads them: the current one as is, older ones through their migration
 * after their own frozen schema has accepted them (validate.ts does that check).
 */
export function migrateToCurrent(report: V1Report | BenchReport): BenchReport {
  return report.schemaVersion === 1 ? migrateV1(report) : report;
}

/** Throws REPORT_INVALID when `version` is not one this harness reads; the line says what to do. */
export function checkReadableVersion(version: number, source: string): void {
  const readable = `this harness reads versions ${oldestReadableVersion}–${reportSchemaVersion}`;
  if (version > reportSchemaVersion) {
    throw new HarnessError(
      'REPORT_INVALID',
      `${source} has schema version ${version}; ${readable}. Upgrade the harness.`,
    );
  }
  if (version < oldestReadableVersion) {
    throw new HarnessError(
      'REPORT_INVALID',
      `${source} has schema version ${version}; ${readable}. Re-run the bench with this harness to get a readable report.`,
    );
  }
}
