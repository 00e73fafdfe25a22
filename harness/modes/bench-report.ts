/** The end of a bench: its environment fingerprint and the report assembled from the runs and written. */
import type { BenchSettings } from '../config/types.ts';
import type { RunRecord } from '../core/run.ts';
import { summarise } from '../report/summarise.ts';
import type { BenchReport, Environment } from '../report/types.ts';
import type { ReportFiles } from '../report/write-report.ts';
import { writeReportFiles } from '../report/write-report.ts';
import { shortfallLines } from './agent/claude-controls/plan-controls.ts';
import type { ClaudeRelease } from './context.ts';
import type { HostFacts } from './environment.ts';
import { gitSha, harnessVersion } from './environment.ts';
import type { Manifest } from './manifest.ts';
import type { PlannedRun } from './plan.ts';

/** The environment of a bench; `models` is filled from the preflight when the report is written. */
export async function benchEnvironment(
  settings: BenchSettings,
  backend: { url: string; version: string | null },
  host: HostFacts,
  releases: readonly ClaudeRelease[],
): Promise<Environment> {
  return {
    ...host,
    harness: { version: await harnessVersion(), gitSha: await gitSha() },
    backend: {
      kind: settings.backend,
      dialect: settings.dialect,
      url: backend.url,
      version: backend.version,
      scripted: settings.backend === 'sim',
    },
    models: {},
    claudeCode: releases.map((r) => ({ version: r.version, path: r.bin, unsupported: shortfallLines(r.controls) })),
  };
}

export interface ReportInput {
  settings: BenchSettings;
  manifest: Manifest;
  /** When the bench first started (the recorded start of a resumed bench). */
  startedAt: string;
  environment: Environment;
  plan: readonly PlannedRun[];
  runs: readonly RunRecord[];
}

/** The report of a finished bench, runs in plan order and the summary derived from them. */
export function assembleReport(input: ReportInput): BenchReport {
  const { settings, environment } = input;
  const position = new Map(input.plan.map((p, i) => [p.id, i]));
  const runs = [...input.runs].sort(
    (a, b) => (position.get(a.id) ?? Number.MAX_SAFE_INTEGER) - (position.get(b.id) ?? Number.MAX_SAFE_INTEGER),
  );
  return {
    schemaVersion: 2,
    generator: { name: 'local-llm-claude-code-bench', version: environment.harness.version },
    scripted: settings.backend === 'sim',
    startedAt: input.startedAt,
    finishedAt: new Date().toISOString(),
    environment,
    // The measured settings, with the URL actually used (the manifest hides the sim's port).
    settings: { ...input.manifest.settings, baseUrl: settings.baseUrl, settingsHash: input.manifest.settingsHash },
    runs,
    summary: summarise(runs),
  };
}

/** Writes report.json, report.md, runs.csv and the charts; returns the report and its files. */
export async function writeBenchReport(
  reportDir: string,
  input: ReportInput,
): Promise<{ report: BenchReport; files: ReportFiles }> {
  const report = assembleReport(input);
  return { report, files: await writeReportFiles(reportDir, report) };
}
