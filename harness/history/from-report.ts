/**
 * The one place the history reads reports: a report.json (any version the report reader migrates)
 * becomes a night of the view model. Everything else in harness/history works on view-model.ts.
 */
import { readFile } from 'node:fs/promises';
import type { CompletedRun, Measured, RunRecord } from '../core/run.ts';
import { labelForLevel, measuredValue } from '../core/run.ts';
import { quantile } from '../core/stats.ts';
import { compareReports } from '../report/compare.ts';
import { fixabilityLine } from '../report/fixability-line.ts';
import { kindShown } from '../report/format.ts';
import { renderMarkdown } from '../report/markdown.ts';
import { rawVsAgentVerdict } from '../report/markdown-modes.ts';
import { compareVersions, summaryKeyId, summaryKeyOf } from '../report/summarise.ts';
import type { BenchReport, Environment, RunSummary } from '../report/types.ts';
import { validateReport } from '../report/validate.ts';
import type { GroupView, ModelContext, NightView, RegressionView, RunView, Spread, VerdictView } from './view-model.ts';

/** A night read from one report file: what the page shows, its runs and its report.md. */
export interface NightBundle {
  night: NightView;
  runs: RunView[];
  reportMarkdown: string;
}

/** Where a night's files go in the site, from its id. */
export interface NightPaths {
  reportMd: string;
  runsScript: string;
}

/** The start time of a report file, read without validating it (to order files before reading them). */
export async function reportStartedAt(file: string): Promise<string | null> {
  try {
    const json = JSON.parse(await readFile(file, 'utf8')) as { startedAt?: unknown };
    return typeof json.startedAt === 'string' ? json.startedAt : null;
  } catch {
    return null;
  }
}

/**
 * Reads `files` (already in night order) one after another, comparing each with the one before,
 * and hands every night to `onNight`; only two reports are held in memory at a time.
 */
export async function readNights(
  files: ReadonlyArray<{ file: string; id: string; paths: NightPaths }>,
  onNight: (bundle: NightBundle) => Promise<void>,
): Promise<void> {
  let previous: BenchReport | null = null;
  for (const { file, id, paths } of files) {
    const text = await readFile(file, 'utf8');
    const report = validateReport(text, file);
    // The version as written, before the reader migrated it (the text is valid JSON by now).
    const written = (JSON.parse(text) as { schemaVersion?: unknown }).schemaVersion;
    const schemaVersion = typeof written === 'number' ? written : 0;
    await onNight(nightBundle(report, previous, { id, source: file, schemaVersion, paths }));
    previous = report;
  }
}

interface NightMeta {
  id: string;
  source: string;
  schemaVersion: number;
  paths: NightPaths;
}

/** One night of the view model from a validated report and the night before (null for the first). */
export function nightBundle(report: BenchReport, previous: BenchReport | null, meta: NightMeta): NightBundle {
  const night: NightView = {
    id: meta.id,
    startedAt: report.startedAt,
    scripted: report.scripted,
    schemaVersion: meta.schemaVersion,
    source: meta.source,
    reportMd: meta.paths.reportMd,
    runsScript: meta.paths.runsScript,
    hosts: hostsOf(report).map((h) => h.host),
    contexts: modelsOf(report).map((model): ModelContext => ({ model, ...contextOf(report, model) })),
    groups: report.summary.map((s) => groupView(report, s)),
    verdicts: verdictsOf(report),
    regressions: previous === null ? [] : regressionsOf(previous, report),
  };
  return { night, runs: report.runs.map(runView), reportMarkdown: renderMarkdown(report, []) };
}

function modelsOf(report: BenchReport): string[] {
  return [...new Set(report.summary.map((s) => s.model))];
}

function hostsOf(report: BenchReport): Environment[] {
  return report.hosts ?? [report.environment];
}

/** The environment a model ran in: in a merged report, the shard whose facts list the model. */
function environmentOf(report: BenchReport, model: string): Environment {
  return hostsOf(report).find((h) => model in h.models) ?? report.environment;
}

/** The releases the model's agent runs used, in version order. */
function releasesOf(report: BenchReport, model: string): string[] {
  const releases = report.runs.flatMap((r) => (r.model === model && r.claudeCode !== null ? [r.claudeCode] : []));
  return [...new Set(releases)].sort(compareVersions);
}

function contextOf(report: BenchReport, model: string): Omit<ModelContext, 'model'> {
  const env = environmentOf(report, model);
  const facts = env.models[model];
  const claudeCodes = releasesOf(report, model);
  // The runs say which releases they used; the environment names them for a raw-only model.
  const shown = claudeCodes.length > 0 ? claudeCodes : env.claudeCode.map((c) => c.version);
  return {
    host: env.host,
    backend: env.backend.version === null ? env.backend.kind : `${env.backend.kind} ${env.backend.version}`,
    claudeCode: shown.length === 0 ? null : shown.join(', '),
    claudeCodes,
    modelDigest: facts?.digest ?? null,
    vramBytes: facts?.memory?.vramBytes ?? null,
  };
}

// Two decimals are finer than any timing here is measured; the page's data stays small.
const round2 = (value: number | null): number | null => (value === null ? null : Math.round(value * 100) / 100);

function spread(measured: readonly Measured[]): Spread {
  const values = measured.map(measuredValue);
  const sorted = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  return {
    median: round2(quantile(sorted, 0.5)),
    p5: round2(quantile(sorted, 0.05)),
    p95: round2(quantile(sorted, 0.95)),
    n: sorted.length,
  };
}

function groupRuns(report: BenchReport, s: RunSummary): RunRecord[] {
  const id = summaryKeyId(s);
  return report.runs.filter((r) => summaryKeyId(summaryKeyOf(r)) === id);
}

const completedOf = (runs: readonly RunRecord[]): CompletedRun[] =>
  runs.filter((r): r is CompletedRun => r.status === 'completed');

/** The measured fix of the modal failure (preferring a run whose fix was measured), or null when it worked. */
function groupFixable(runs: readonly RunRecord[], s: RunSummary): string | null {
  if (s.modalStatus !== 'completed' || s.modalLevel === 6 || s.modalLevel === null) return null;
  const failing = completedOf(runs).filter((r) => r.level === s.modalLevel);
  const run = failing.find((r) => r.fixability.state === 'measured') ?? failing[0];
  return run === undefined ? null : fixabilityLine(run.level, run.fixability);
}

/** The words of the most frequent kind among the runs at the group's modal level (null: the level has one kind). */
function modalKind(runs: readonly RunRecord[], level: number | null): string | null {
  const counts = new Map<string, { run: CompletedRun; n: number }>();
  for (const run of completedOf(runs)) {
    if (run.level === level) counts.set(run.kind, { run, n: (counts.get(run.kind)?.n ?? 0) + 1 });
  }
  const top = [...counts.values()].sort((a, b) => b.n - a.n)[0]?.run;
  return top === undefined ? null : kindShown(top.level, top.kind);
}

function groupView(report: BenchReport, s: RunSummary): GroupView {
  const runs = groupRuns(report, s);
  const completed = completedOf(runs);
  const level = s.modalStatus === 'completed' ? s.modalLevel : null;
  return {
    model: s.model,
    task: s.task,
    mode: s.mode,
    rescue: s.rescue,
    claudeCode: s.claudeCode,
    attempts: s.attempts,
    status: s.modalStatus,
    level,
    label: level === null ? null : labelForLevel[level],
    kind: modalKind(runs, level),
    passAt1: s.passAt1,
    passAtK: s.passAtK,
    decode: spread(completed.map((r) => r.metrics.decodeTokensPerSec)),
    ttft: spread(completed.map((r) => r.metrics.ttftMs)),
    fixable: groupFixable(runs, s),
    referenceTests: s.tests === null ? null : s.tests.reference,
  };
}

/** One verdict per model, task and agent release (the raw side is the same for every release). */
function verdictsOf(report: BenchReport): VerdictView[] {
  const pick = (model: string, task: string, mode: 'raw' | 'agent', release: string | null) => {
    const matches = report.summary.filter(
      (s) => s.model === model && s.task === task && s.mode === mode && (mode === 'raw' || s.claudeCode === release),
    );
    return matches.find((s) => !s.rescue) ?? matches[0];
  };
  const rows = new Map(report.summary.map((s) => [JSON.stringify([s.model, s.task, s.claudeCode]), s] as const));
  const withAgent = new Set(
    report.summary.filter((s) => s.mode === 'agent').map((s) => JSON.stringify([s.model, s.task])),
  );
  return [...rows.values()]
    .filter((s) => s.mode === 'agent' || !withAgent.has(JSON.stringify([s.model, s.task])))
    .map(({ model, task, claudeCode }) => ({
      model,
      task,
      claudeCode,
      text: rawVsAgentVerdict(pick(model, task, 'raw', null), pick(model, task, 'agent', claudeCode)),
    }));
}

function regressionsOf(previous: BenchReport, report: BenchReport): RegressionView[] {
  return compareReports(previous, report)
    .entries.filter((e) => e.verdict === 'regression')
    .map((e) => ({
      model: e.model,
      task: e.task,
      mode: e.mode,
      rescue: e.rescue,
      claudeCode: e.claudeCode,
      reasons: e.reasons.filter((r) => r.direction === 'worse').map((r) => r.text),
    }));
}

function runView(run: RunRecord): RunView {
  const done = run.status === 'completed' ? run : null;
  return {
    id: run.id,
    model: run.model,
    task: run.task,
    mode: run.mode,
    rescue: run.rescue,
    attempt: run.attempt,
    status: run.status,
    level: done?.level ?? null,
    label: done?.label ?? null,
    kind: done === null ? null : kindShown(done.level, done.kind),
    error: run.status === 'completed' ? null : { cause: run.cause, message: run.message },
    decodeTokensPerSec: measuredValue(run.metrics.decodeTokensPerSec),
    ttftMs: measuredValue(run.metrics.ttftMs),
    totalMs: run.metrics.wallMs,
    referenceTests: done?.tests.reference ?? { passed: 0, total: 0 },
    fixable: done === null || done.level === 6 ? null : fixabilityLine(done.level, done.fixability),
    evidence: run.evidence.map((e) => ({ kind: e.kind, quote: e.quote, shows: e.shows, source: e.source ?? null })),
    protocolErrors: run.protocolErrors.map((p) => ({ kind: p.kind, tool: p.call.name, repairedBy: p.repairedBy })),
    claudeCode: run.claudeCode,
  };
}
