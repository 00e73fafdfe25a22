/** The per-run tables of report.md: raw, agent and taxonomy, shaped like the experiment's. */

import { quote } from '../core/quote.ts';
import type { CompletedRun, RunRecord } from '../core/run.ts';
import { metricCaveats } from '../core/run.ts';
import { fixabilityLine } from './fixability-line.ts';
import {
  causeWords,
  formatDuration,
  formatOutcome,
  formatRate,
  formatSeconds,
  formatTests,
  kindWords,
  levelWords,
  orderedRuns,
  producedCode,
  runName,
  runNaming,
} from './format.ts';
import { mdTable } from './markdown-table.ts';
import type { BenchReport } from './types.ts';

const tests = (run: RunRecord, which: 'model' | 'reference'): string =>
  run.status === 'completed' ? formatTests(run.tests[which]) : '—';

/** "## Raw generation": Model | Decode tok/s | TTFT | Total | Tests | Reference tests | Level. */
export function rawTable(report: BenchReport): string | null {
  const runs = orderedRuns(report).filter((r) => r.mode === 'raw');
  if (runs.length === 0) return null;
  const naming = runNaming(report, { mode: false });
  const rows = runs.map((run) => [
    runName(run, naming),
    formatRate(run.metrics.decodeTokensPerSec, true),
    formatSeconds(run.metrics.ttftMs, 2, true),
    formatDuration(run.metrics.wallMs),
    tests(run, 'model'),
    tests(run, 'reference'),
    formatOutcome(run),
  ]);
  const header = ['Model', 'Decode tok/s', 'TTFT', 'Total', 'Tests', 'Reference tests', 'Level'];
  return `## Raw generation\n\n${mdTable(header, rows)}${caveatNotes(runs)}`;
}

/** The failure mode in words — the kind within the level — with the quote that decided it. */
export function failureMode(run: RunRecord): string {
  const deciding = run.evidence.find((e) => e.kind !== 'infra' && e.kind !== 'timeout') ?? run.evidence[0];
  const quoted = deciding === undefined || deciding.quote === '' ? '' : ` — “${quote(deciding.quote, 70)}”`;
  if (run.status !== 'completed') return `${causeWords(run.cause)}${quoted}`;
  if (run.level === 6) return 'none';
  return `${levelWords(run)}${quoted}`;
}

/** "## Claude Code agent": Model | Claude Code | Time | Code | Tests | Reference tests | Failure mode | Level. */
export function agentTable(report: BenchReport): string | null {
  const runs = orderedRuns(report).filter((r) => r.mode === 'agent');
  if (runs.length === 0) return null;
  const naming = runNaming(report, { mode: false, release: false });
  const versions = new Set(runs.map((r) => r.claudeCode)).size > 1;
  const rows = runs.map((run) => [
    runName(run, naming),
    ...(versions ? [run.claudeCode ?? '—'] : []),
    formatDuration(run.metrics.wallMs),
    producedCode(run) ? 'OK' : 'FAIL',
    tests(run, 'model'),
    tests(run, 'reference'),
    failureMode(run),
    formatOutcome(run),
  ]);
  const header = ['Model', ...(versions ? ['Claude Code'] : []), 'Time', 'Code', 'Tests', 'Reference tests'];
  return `## Claude Code agent\n\n${mdTable([...header, 'Failure mode', 'Level'], rows)}${caveatNotes(runs)}${thinkingNotes(runs)}`;
}

/** "## Failure taxonomy": Level | Model | What happened | Fixable (as measured), worst level first; then infra. */
export function taxonomyTable(report: BenchReport): string | null {
  const ordered = orderedRuns(report);
  const completed = ordered
    .filter((r): r is CompletedRun => r.status === 'completed' && r.level < 6)
    .sort((a, b) => a.level - b.level);
  const failed = ordered.filter((r) => r.status !== 'completed');
  if (completed.length + failed.length === 0) return null;
  const naming = runNaming(report, { mode: new Set(report.runs.map((r) => r.mode)).size > 1 });
  const happened = (run: RunRecord): string => {
    const deciding = run.evidence.find((e) => e.kind !== 'infra') ?? run.evidence[0];
    if (deciding === undefined) return '—';
    return `${deciding.shows}${deciding.quote === '' ? '' : ` (“${quote(deciding.quote, 60)}”)`}`;
  };
  const rows = [
    ...completed.map((run) => [
      `${run.level} · ${kindWords(run.kind)}`,
      runName(run, naming),
      happened(run),
      fixabilityLine(run.level, run.fixability),
    ]),
    ...failed.map((run) => [formatOutcome(run), runName(run, naming), happened(run), 'not the model’s']),
  ];
  return `## Failure taxonomy\n\n${mdTable(['Level', 'Model', 'What happened', 'Fixable (as measured)'], rows)}`;
}

/** Notes under a table for figures that cannot be compared across backends. */
export function caveatNotes(runs: readonly RunRecord[]): string {
  const caveats = [...new Set(runs.flatMap((r) => r.metrics.caveats))];
  return caveats.length === 0 ? '' : `\n\n${caveats.map((c) => `> Note: ${metricCaveats[c]}.`).join('\n>\n')}`;
}

/** A note when runs with thinking off produced reasoning anyway (the server ignored the switch). */
function thinkingNotes(runs: readonly RunRecord[]): string {
  const thought = runs.filter((r) => !r.thinking.requested && (r.thinking.turnsWithReasoning ?? 0) > 0);
  if (thought.length === 0) return '';
  const names = [...new Set(thought.map((r) => r.model))].join(', ');
  return `\n\n> Note: thinking was off, but ${names} produced reasoning anyway on ${thought.reduce((n, r) => n + (r.thinking.turnsWithReasoning ?? 0), 0)} turn(s): the server did not honour the switch.`;
}
