/**
 * The one place the history reads reports: a report.json (any version the report reader migrates)
 * becomes a night of the view model. Everything else in harness/history works on view-model.ts.
 */
import { readFile } from 'node:fs/promises';
import type { RunRecord } from '../core/run.ts';
import { compareReports } from '../report/compare.ts';
import { renderMarkdown } from '../report/markdown.ts';
import { rawVsAgentVerdict } from '../report/markdown-modes.ts';
import { quantile } from '../report/stats.ts';
import type { BenchReport, Environment, RunSummary } from '../report/types.ts';
import { validateReport } from '../report/validate.ts';
import type {
  GroupView,
  ModelContext,
  NightView,
  RegressionView,
  RunContext,
  RunView,
  Spread,
  VerdictView,
} from './view-model.ts';

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
  return { night, runs: report.runs.map((r) => runView(report, r)), reportMarkdown: renderMarkdown(report, []) };
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

function numberFact(facts: Record<string, string | number | null> | undefined, key: string): number | null {
  const value = facts?.[key];
  return typeof value === 'number' ? value : null;
}

function contextOf(report: BenchReport, model: string): RunContext {
  const env = environmentOf(report, model);
  const facts = env.models[model];
  const digest = facts?.digest;
  return {
    host: env.host,
    backend: env.backend.version === null ? env.backend.kind : `${env.backend.kind} ${env.backend.version}`,
    claudeCode: env.claudeCode.version,
    modelDigest: typeof digest === 'string' ? digest : null,
    // Ollama's /api/ps name for the bytes of the model held in GPU memory.
    vramBytes: numberFact(facts, 'size_vram'),
  };
}

// Two decimals are finer than any timing here is measured; the page's data stays small.
const round2 = (value: number | null): number | null => (value === null ? null : Math.round(value * 100) / 100);

function spread(values: ReadonlyArray<number | null>): Spread {
  const sorted = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  return {
    median: round2(quantile(sorted, 0.5)),
    p5: round2(quantile(sorted, 0.05)),
    p95: round2(quantile(sorted, 0.95)),
    n: sorted.length,
  };
}

function groupRuns(report: BenchReport, s: RunSummary): RunRecord[] {
  return report.runs.filter(
    (r) => r.model === s.model && r.task === s.task && r.mode === s.mode && r.rescue === s.rescue,
  );
}

/** The measured fix of the modal failure, "not measured", or null when the group worked. */
function groupFixable(runs: readonly RunRecord[], s: RunSummary): string | null {
  if (s.modalStatus !== 'completed' || s.modalLevel === 6 || s.modalLevel === null) return null;
  const failing = runs.filter((r) => r.status === 'completed' && r.level === s.modalLevel);
  return failing.find((r) => r.fixability !== null)?.fixability?.summary ?? 'not measured';
}

function groupView(report: BenchReport, s: RunSummary): GroupView {
  const runs = groupRuns(report, s);
  const completed = runs.filter((r) => r.status === 'completed');
  return {
    model: s.model,
    task: s.task,
    mode: s.mode,
    rescue: s.rescue,
    attempts: s.attempts,
    status: s.modalStatus,
    level: s.modalStatus === 'completed' ? s.modalLevel : null,
    label: s.modalStatus === 'completed' && s.modalLevel !== null ? labelOf(runs, s.modalLevel) : null,
    kind: null,
    passAt1: s.passAt1,
    passAtK: s.passAtK,
    decode: spread(completed.map((r) => r.metrics.decodeTokensPerSec)),
    ttft: spread(completed.map((r) => r.metrics.ttftMs)),
    fixable: groupFixable(runs, s),
    referenceTests: s.tests === null ? null : s.tests.reference,
  };
}

function labelOf(runs: readonly RunRecord[], level: number): string | null {
  return runs.find((r) => r.level === level)?.label ?? null;
}

function verdictsOf(report: BenchReport): VerdictView[] {
  const pick = (model: string, task: string, mode: 'raw' | 'agent'): RunSummary | undefined => {
    const matches = report.summary.filter((s) => s.model === model && s.task === task && s.mode === mode);
    return matches.find((s) => !s.rescue) ?? matches[0];
  };
  const pairs = new Map(report.summary.map((s) => [JSON.stringify([s.model, s.task]), s]));
  return [...pairs.values()].map(({ model, task }) => ({
    model,
    task,
    text: rawVsAgentVerdict(pick(model, task, 'raw'), pick(model, task, 'agent')),
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
      reasons: e.reasons.filter((r) => r.direction === 'worse').map((r) => r.text),
    }));
}

function runView(report: BenchReport, run: RunRecord): RunView {
  return {
    id: run.id,
    model: run.model,
    task: run.task,
    mode: run.mode,
    rescue: run.rescue,
    attempt: run.attempt,
    status: run.status,
    level: run.level,
    label: run.label,
    kind: null,
    error: run.error === null ? null : { cause: run.error.code, message: run.error.message },
    decodeTokensPerSec: run.metrics.decodeTokensPerSec,
    ttftMs: run.metrics.ttftMs,
    totalMs: run.metrics.totalMs,
    referenceTests: run.tests.reference,
    fixable: run.fixability?.summary ?? null,
    evidence: run.evidence.map((e) => ({ kind: e.kind, quote: e.quote, shows: e.shows, source: e.source ?? null })),
    protocolErrors: run.protocolErrors.map((p) => ({ kind: p.kind, tool: p.call.name, repairedBy: p.repairedBy })),
    claudeCode: environmentOf(report, run.model).claudeCode.version,
  };
}
