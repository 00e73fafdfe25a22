/** Joining matrix shards (one report per runner or model) into one report. Pure. */
import { HarnessError } from '../core/errors.ts';
import type { Fixability, RunRecord } from '../core/run.ts';
import { summarise } from './summarise.ts';
import type { BenchReport, Environment, ReportSettings, ShardSettings } from './types.ts';

// Settings whose difference between shards is expected or handled separately, not a conflict.
const mergedKeys = new Set(['models', 'settingsHash', 'shards']);

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Gives every run an id unused so far, renaming a shard's ids (and its rerun links) consistently. */
function uniqueRuns(reports: readonly BenchReport[]): RunRecord[] {
  const taken = new Set<string>();
  const runs: RunRecord[] = [];
  reports.forEach((report, shard) => {
    const renamed = new Map<string, string>();
    for (const run of report.runs) {
      let id = run.id;
      for (let n = shard + 1; taken.has(id); n += 1) id = `${run.id}@shard${n}`;
      taken.add(id);
      renamed.set(run.id, id);
    }
    for (const run of report.runs) {
      const id = renamed.get(run.id) as string;
      runs.push(
        run.status === 'completed' ? { ...run, id, fixability: renameRerun(run.fixability, renamed) } : { ...run, id },
      );
    }
  });
  return runs;
}

function renameRerun(fixability: Fixability, renamed: ReadonlyMap<string, string>): Fixability {
  if (fixability.state !== 'measured' || fixability.rerunId === undefined) return fixability;
  const rerunId = renamed.get(fixability.rerunId);
  return rerunId === undefined ? fixability : { ...fixability, rerunId };
}

/**
 * One environment per host, the first shard's; the Claude Code releases of every shard on that
 * host are kept (nightly shards share the Mac but may run other releases).
 */
function distinctHosts(reports: readonly BenchReport[]): Environment[] {
  const byHost = new Map<string, Environment>();
  for (const report of reports) {
    for (const env of report.hosts ?? [report.environment]) {
      const kept = byHost.get(env.host);
      const known = new Set(kept?.claudeCode.map((c) => c.version));
      byHost.set(
        env.host,
        kept === undefined
          ? env
          : { ...kept, claudeCode: [...kept.claudeCode, ...env.claudeCode.filter((c) => !known.has(c.version))] },
      );
    }
  }
  return [...byHost.values()];
}

/** Settings as a plain record, to compare them key by key. */
const entriesOf = (settings: ReportSettings): Record<string, unknown> => ({ ...settings });

function mergeSettings(reports: readonly BenchReport[]): ReportSettings {
  const first = (reports[0] as BenchReport).settings;
  const firstEntries = entriesOf(first);
  const models = [...new Set(reports.flatMap((r) => r.settings.models))];
  const conflicting = new Set<string>();
  for (const report of reports.slice(1)) {
    const own = entriesOf(report.settings);
    const keys = new Set([...Object.keys(firstEntries), ...Object.keys(own)]);
    for (const key of keys) if (!mergedKeys.has(key) && !same(firstEntries[key], own[key])) conflicting.add(key);
  }
  const hashes = [...new Set(reports.map((r) => r.settings.settingsHash))];
  const merged: ReportSettings = {
    ...first,
    models,
    settingsHash: hashes.length === 1 ? (hashes[0] as string) : hashes.join('+'),
  };
  delete merged.shards;
  if (conflicting.size > 0) {
    merged.shards = reports.map(
      (report): ShardSettings => ({
        host: report.environment.host,
        settingsHash: report.settings.settingsHash,
        conflicts: Object.fromEntries([...conflicting].map((key) => [key, entriesOf(report.settings)[key] ?? null])),
      }),
    );
  }
  return merged;
}

function earliest(times: readonly string[]): string {
  return [...times].sort((a, b) => Date.parse(a) - Date.parse(b))[0] as string;
}

function latest(times: readonly string[]): string {
  return [...times].sort((a, b) => Date.parse(b) - Date.parse(a))[0] as string;
}

/**
 * Merges shard reports: runs concatenated with unique ids, one environment per distinct host in
 * `hosts`, models united, other settings taken from the first shard (conflicts listed under
 * `settings.shards`), summary recomputed, earliest start, latest finish, scripted if any shard was.
 * The settings hash stays when all shards share it, else lists each hash joined by "+".
 */
export function mergeReports(reports: readonly BenchReport[]): BenchReport {
  const first = reports[0];
  if (first === undefined) throw new HarnessError('USAGE', 'merge needs at least one report.json.');
  const runs = uniqueRuns(reports);
  const hosts = distinctHosts(reports);
  return {
    schemaVersion: 2,
    generator: first.generator,
    scripted: reports.some((r) => r.scripted),
    startedAt: earliest(reports.map((r) => r.startedAt)),
    finishedAt: latest(reports.map((r) => r.finishedAt)),
    environment: hosts.find((h) => h.host === first.environment.host) ?? first.environment,
    hosts,
    settings: mergeSettings(reports),
    runs,
    summary: summarise(runs),
  };
}
