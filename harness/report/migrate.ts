/** Bringing an older report.json up to the current schema version before it is validated. */
import { HarnessError } from '../core/errors.ts';
import { reportSchemaVersion } from './types.ts';

/** One step from a schema version to the next. */
export interface ReportMigration {
  from: number;
  migrate(report: Record<string, unknown>): Record<string, unknown>;
}

/** Shipped migrations, oldest first. Version 1 is the first published layout, so none yet. */
export const reportMigrations: readonly ReportMigration[] = [];

/**
 * Returns `report` moved to the current schema version by applying migrations one version at a
 * time. Throws REPORT_INVALID for a newer version (upgrade the harness) or an older one no
 * migration reaches.
 */
export function migrateReport(
  report: Record<string, unknown> & { schemaVersion: number },
  source: string,
  migrations: readonly ReportMigration[] = reportMigrations,
): Record<string, unknown> {
  const oldest = Math.min(reportSchemaVersion, ...migrations.map((m) => m.from));
  const readable = `this harness reads versions ${oldest}–${reportSchemaVersion}`;
  const version = report.schemaVersion;
  if (version > reportSchemaVersion) {
    throw new HarnessError(
      'REPORT_INVALID',
      `${source} has schema version ${version}; ${readable}. Upgrade the harness.`,
    );
  }
  let current: Record<string, unknown> = report;
  for (let step = version; step < reportSchemaVersion; step += 1) {
    const migration = migrations.find((m) => m.from === step);
    if (migration === undefined) {
      throw new HarnessError(
        'REPORT_INVALID',
        `${source} has schema version ${version}; ${readable}. Re-run the bench with this harness to get a readable report.`,
      );
    }
    current = { ...migration.migrate(current), schemaVersion: step + 1 };
  }
  return current;
}
