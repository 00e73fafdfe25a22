/** Comparing two reports group by group: what regressed, what improved, what is noise. Pure. */
import type { Level, RunRecord, RunStatus } from '../core/run.ts';
import { labelForLevel } from '../core/run.ts';
import { formatRate, formatSeconds, labelWords, statusWords } from './format.ts';
import { explainReleaseChange } from './release-changes.ts';
import { compareSummaryKeys, compareVersions, groupRuns, summarise, summaryKeyId } from './summarise.ts';
import type { BenchReport, MetricStats, RunSummary, SummaryKey } from './types.ts';

// The CLI takes compare and render from one module.
export { renderComparison } from './render-comparison.ts';

/**
 * `claude_code_change`: the same model, task and mode ran under another Claude Code release (the
 * nightly's `latest` moved on). What changed is reported, but it is not the model's regression.
 */
export type Verdict = 'regression' | 'claude_code_change' | 'improvement' | 'unchanged' | 'new' | 'missing';

export interface ComparisonReason {
  direction: 'worse' | 'better';
  what: 'status' | 'level' | 'model_tests' | 'reference_tests' | 'ttft' | 'decode';
  text: string;
}

/** One side of a compared group, taken from the report's summary. */
export interface ComparedSide {
  attempts: number;
  status: RunStatus;
  level: Level | null;
  passAt1: number | null;
  tests: RunSummary['tests'];
  ttftMs: MetricStats;
  decodeTokensPerSec: MetricStats;
}

export interface MetricChange {
  base: number;
  head: number;
  /** (head − base) / base. */
  relative: number;
  /** The relative change that counts as real for this group (noise threshold). */
  threshold: number;
}

interface ComparedGroup extends SummaryKey {
  /** Worse reasons first; empty when unchanged, new or missing. */
  reasons: ComparisonReason[];
  base: ComparedSide | null;
  head: ComparedSide | null;
  ttft: MetricChange | null;
  decode: MetricChange | null;
}

/** One compared group; `claudeCode` is the head's release (the base's for a missing group). */
export type ComparisonEntry =
  | (ComparedGroup & { verdict: Exclude<Verdict, 'claude_code_change'> })
  | (ComparedGroup & {
      verdict: 'claude_code_change';
      /** The base's and the head's release of a group paired across releases. */
      release: { base: string; head: string };
      /** What the runs' protocol errors say about the change; null when they do not differ. */
      explanation: string | null;
    });

export interface ReportReference {
  startedAt: string;
  finishedAt: string;
  host: string;
  settingsHash: string;
  scripted: boolean;
  generator: string;
}

export interface Comparison {
  base: ReportReference;
  head: ReportReference;
  noiseThreshold: number;
  /** Things that make the comparison less meaningful (scripted data, different settings or hosts). */
  warnings: string[];
  /** Regressions first, then improvements, new, missing and unchanged groups. */
  entries: ComparisonEntry[];
  counts: Record<Verdict, number>;
}

export interface CompareOptions {
  /** Relative change below which a timing difference is noise; default 0.10 (±10 %). */
  noiseThreshold?: number;
}

export const defaultNoiseThreshold = 0.1;

const verdictOrder: Record<Verdict, number> = {
  regression: 0,
  claude_code_change: 1,
  improvement: 2,
  new: 3,
  missing: 4,
  unchanged: 5,
};
const statusRank: Record<RunStatus, number> = { infra_error: 0, timeout: 1, completed: 2 };

function side(summary: RunSummary): ComparedSide {
  return {
    attempts: summary.attempts,
    status: summary.modalStatus,
    level: summary.modalLevel,
    passAt1: summary.passAt1,
    tests: summary.tests,
    ttftMs: summary.metrics.ttftMs,
    decodeTokensPerSec: summary.metrics.decodeTokensPerSec,
  };
}

function reference(report: BenchReport): ReportReference {
  return {
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    host: report.environment.host,
    settingsHash: report.settings.settingsHash,
    scripted: report.scripted,
    generator: `${report.generator.name} ${report.generator.version}`,
  };
}

/** The spread of repeated runs as a relative noise level (2σ / median), or null without repeats. */
function spreadOf(stats: MetricStats): number | null {
  if (stats.n < 2 || stats.stddev === null || stats.median === null || stats.median <= 0) return null;
  return (2 * stats.stddev) / stats.median;
}

/**
 * The threshold for one metric: with at least two runs on both sides, the larger of the default
 * and each side's 2σ/median; otherwise the default.
 */
export function noiseThresholdFor(base: MetricStats, head: MetricStats, fallback: number): number {
  const baseSpread = spreadOf(base);
  const headSpread = spreadOf(head);
  if (baseSpread === null || headSpread === null) return fallback;
  return Math.max(fallback, baseSpread, headSpread);
}

function metricChange(base: MetricStats, head: MetricStats, fallback: number): MetricChange | null {
  if (base.median === null || head.median === null || base.median <= 0) return null;
  return {
    base: base.median,
    head: head.median,
    relative: (head.median - base.median) / base.median,
    threshold: noiseThresholdFor(base, head, fallback),
  };
}

function signedPercent(fraction: number): string {
  const rounded = Math.round(fraction * 100);
  return `${rounded >= 0 ? '+' : '−'}${Math.abs(rounded)}%`;
}

function levelText(level: Level): string {
  return `${level} (${labelWords[labelForLevel[level]]})`;
}

function compareSides(base: ComparedSide, head: ComparedSide, noise: number) {
  const reasons: ComparisonReason[] = [];
  if (base.status !== head.status) {
    reasons.push({
      direction: statusRank[head.status] < statusRank[base.status] ? 'worse' : 'better',
      what: 'status',
      text: `status ${statusWords[base.status]} → ${statusWords[head.status]}`,
    });
  }
  if (base.level !== null && head.level !== null && base.level !== head.level) {
    reasons.push({
      direction: head.level < base.level ? 'worse' : 'better',
      what: 'level',
      text: `level ${levelText(base.level)} → ${levelText(head.level)}`,
    });
  }
  if (base.tests !== null && head.tests !== null) {
    const pairs = [
      ['reference_tests', 'reference tests', base.tests.reference, head.tests.reference],
      ['model_tests', 'model tests', base.tests.model, head.tests.model],
    ] as const;
    for (const [what, name, before, after] of pairs) {
      if (before.passed === after.passed) continue;
      reasons.push({
        direction: after.passed < before.passed ? 'worse' : 'better',
        what,
        text: `${name} passed ${before.passed}/${before.total} → ${after.passed}/${after.total}`,
      });
    }
  }
  const ttft = metricChange(base.ttftMs, head.ttftMs, noise);
  if (ttft !== null && Math.abs(ttft.relative) > ttft.threshold) {
    reasons.push({
      direction: ttft.relative > 0 ? 'worse' : 'better',
      what: 'ttft',
      text: `TTFT ${formatSeconds(ttft.base)} → ${formatSeconds(ttft.head)} (${signedPercent(ttft.relative)}, noise ±${Math.round(ttft.threshold * 100)}%)`,
    });
  }
  const decode = metricChange(base.decodeTokensPerSec, head.decodeTokensPerSec, noise);
  if (decode !== null && Math.abs(decode.relative) > decode.threshold) {
    reasons.push({
      direction: decode.relative < 0 ? 'worse' : 'better',
      what: 'decode',
      text: `decode ${formatRate(decode.base)} → ${formatRate(decode.head)} tok/s (${signedPercent(decode.relative)}, noise ±${Math.round(decode.threshold * 100)}%)`,
    });
  }
  reasons.sort((a, b) => (a.direction === b.direction ? 0 : a.direction === 'worse' ? -1 : 1));
  return { reasons, ttft, decode };
}

/** A group of runs and their summary. */
interface Group {
  summary: RunSummary;
  runs: RunRecord[];
}

function groupsOf(runs: readonly RunRecord[]): Map<string, Group> {
  return new Map(
    groupRuns(runs).map(({ key, runs: group }) => [
      summaryKeyId(key),
      { summary: summarise(group)[0] as RunSummary, runs: group },
    ]),
  );
}

const keyOf = (s: RunSummary): SummaryKey => ({
  model: s.model,
  task: s.task,
  mode: s.mode,
  rescue: s.rescue,
  claudeCode: s.claudeCode,
});

/**
 * Agent groups found on one side only that differ from a group on the other side only by the
 * Claude Code release, paired newest with newest (the nightly's `latest` moves more often than
 * the pinned release). Returns the pairs; the groups left over are new or missing.
 */
function pairAcrossReleases(baseOnly: readonly Group[], headOnly: readonly Group[]): Array<[Group, Group]> {
  const withoutRelease = (g: Group): string => summaryKeyId({ ...keyOf(g.summary), claudeCode: null });
  const newestFirst = (list: readonly Group[]): Group[] =>
    list
      .filter((g) => g.summary.claudeCode !== null)
      .sort((a, b) => compareVersions(b.summary.claudeCode, a.summary.claudeCode));
  const heads = newestFirst(headOnly);
  const pairs: Array<[Group, Group]> = [];
  for (const base of newestFirst(baseOnly)) {
    const match = heads.find((h) => withoutRelease(h) === withoutRelease(base));
    if (match === undefined) continue;
    pairs.push([base, match]);
    heads.splice(heads.indexOf(match), 1);
  }
  return pairs;
}

function oneSided(before: RunSummary | undefined, after: RunSummary | undefined): ComparisonEntry {
  const source = (after ?? before) as RunSummary;
  return {
    ...keyOf(source),
    verdict: before === undefined ? 'new' : 'missing',
    reasons: [],
    base: before === undefined ? null : side(before),
    head: after === undefined ? null : side(after),
    ttft: null,
    decode: null,
  };
}

function twoSided(before: Group, after: Group, noise: number): ComparisonEntry {
  const { reasons, ttft, decode } = compareSides(side(before.summary), side(after.summary), noise);
  const shared = {
    ...keyOf(after.summary),
    reasons,
    base: side(before.summary),
    head: side(after.summary),
    ttft,
    decode,
  };
  const [from, to] = [before.summary.claudeCode, after.summary.claudeCode];
  if (from !== to && from !== null && to !== null) {
    const explanation = explainReleaseChange({ version: from, runs: before.runs }, { version: to, runs: after.runs });
    return { ...shared, verdict: 'claude_code_change', release: { base: from, head: to }, explanation };
  }
  const worse = reasons.some((r) => r.direction === 'worse');
  return { ...shared, verdict: worse ? 'regression' : reasons.length > 0 ? 'improvement' : 'unchanged' };
}

/**
 * Compares two reports per (model, task, mode, rescue, Claude Code release), from their runs. A
 * lower level, a worse status (completed → timeout → infra error) or fewer passing tests is a
 * regression; a timing change counts only beyond the noise threshold. Any worse reason makes the
 * entry a regression, even when something else improved. A group that ran under another release
 * on the head only (the same model, task and mode otherwise) is paired with the base's as a
 * `claude_code_change`: its reasons are reported, but it is not a regression.
 */
export function compareReports(base: BenchReport, head: BenchReport, options: CompareOptions = {}): Comparison {
  const noise = options.noiseThreshold ?? defaultNoiseThreshold;
  // The runs are the record: groups come from them, never from a stored summary.
  const [baseGroups, headGroups] = [groupsOf(base.runs), groupsOf(head.runs)];
  const only = (mine: Map<string, Group>, theirs: Map<string, Group>): Group[] =>
    [...mine].filter(([id]) => !theirs.has(id)).map(([, g]) => g);
  const pairs = pairAcrossReleases(only(baseGroups, headGroups), only(headGroups, baseGroups));
  const paired = new Set(pairs.flat().map((g) => summaryKeyId(g.summary)));
  const entries: ComparisonEntry[] = [
    ...pairs.map(([before, after]) => twoSided(before, after, noise)),
    ...[...new Set([...baseGroups.keys(), ...headGroups.keys()])]
      .filter((id) => !paired.has(id))
      .map((id) => {
        const [before, after] = [baseGroups.get(id), headGroups.get(id)];
        return before !== undefined && after !== undefined
          ? twoSided(before, after, noise)
          : oneSided(before?.summary, after?.summary);
      }),
  ];
  entries.sort((a, b) => verdictOrder[a.verdict] - verdictOrder[b.verdict] || compareSummaryKeys(a, b));

  const counts: Record<Verdict, number> = {
    regression: 0,
    claude_code_change: 0,
    improvement: 0,
    unchanged: 0,
    new: 0,
    missing: 0,
  };
  for (const entry of entries) counts[entry.verdict] += 1;
  return {
    base: reference(base),
    head: reference(head),
    noiseThreshold: noise,
    warnings: warningsFor(base, head),
    entries,
    counts,
  };
}

function warningsFor(base: BenchReport, head: BenchReport): string[] {
  const warnings: string[] = [];
  if (base.scripted || head.scripted) {
    const which =
      base.scripted && head.scripted
        ? 'both reports come'
        : base.scripted
          ? 'the base report comes'
          : 'the head report comes';
    warnings.push(`Scripted backend: ${which} from the built-in scripted model server, not from a real model.`);
  }
  if (base.settings.settingsHash !== head.settings.settingsHash) {
    warnings.push(
      `Settings differ (hash ${base.settings.settingsHash} vs ${head.settings.settingsHash}); timing changes may come from them.`,
    );
  }
  if (base.environment.host !== head.environment.host) {
    warnings.push(
      `Different hosts (${base.environment.host} vs ${head.environment.host}); timings are not comparable across machines.`,
    );
  }
  if (base.environment.backend.kind !== head.environment.backend.kind) {
    warnings.push(`Different backends (${base.environment.backend.kind} vs ${head.environment.backend.kind}).`);
  }
  return warnings;
}

/**
 * True when any group regressed (what `compare --fail-on-regression` exits non-zero on). A change
 * of Claude Code release is not a regression: the CLI moved, not the model.
 */
export function hasRegression(comparison: Comparison): boolean {
  return comparison.entries.some((entry) => entry.verdict === 'regression');
}
