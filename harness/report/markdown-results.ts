/** The per-run tables of report.md: raw, agent and taxonomy, shaped like the experiment's. */
import type { RunRecord } from '../core/run.ts';
import {
  formatDuration,
  formatOutcome,
  formatRate,
  formatSeconds,
  formatTests,
  labelWords,
  orderedRuns,
  producedCode,
  runName,
  runNaming,
  snippet,
  statusWords,
} from './format.ts';
import { mdTable } from './markdown-table.ts';
import type { BenchReport } from './types.ts';

/** "## Raw generation": Model | Decode tok/s | TTFT | Total | Tests | Reference tests | Level. */
export function rawTable(report: BenchReport): string | null {
  const runs = orderedRuns(report).filter((r) => r.mode === 'raw');
  if (runs.length === 0) return null;
  const naming = runNaming(report, { mode: false });
  const rows = runs.map((run) => [
    runName(run, naming),
    formatRate(run.metrics.decodeTokensPerSec),
    formatSeconds(run.metrics.ttftMs),
    formatDuration(run.metrics.totalMs),
    formatTests(run.tests.model),
    formatTests(run.tests.reference),
    formatOutcome(run),
  ]);
  return `## Raw generation\n\n${mdTable(['Model', 'Decode tok/s', 'TTFT', 'Total', 'Tests', 'Reference tests', 'Level'], rows)}`;
}

/** The failure mode in words with the quote that decided it; "none" for a success. */
export function failureMode(run: RunRecord): string {
  const deciding = run.evidence[0];
  const quote = deciding === undefined || deciding.quote === '' ? '' : ` — “${snippet(deciding.quote, 70)}”`;
  if (run.status !== 'completed') return `${statusWords[run.status]}${quote}`;
  if (run.level === 6) return 'none';
  const words = run.label === null ? `level ${run.level ?? '?'}` : labelWords[run.label];
  return `${words}${quote}`;
}

/** "## Claude Code agent": Model | Time | Code | Tests | Reference tests | Failure mode | Level. */
export function agentTable(report: BenchReport): string | null {
  const runs = orderedRuns(report).filter((r) => r.mode === 'agent');
  if (runs.length === 0) return null;
  const naming = runNaming(report, { mode: false });
  const rows = runs.map((run) => [
    runName(run, naming),
    formatDuration(run.metrics.totalMs),
    producedCode(run) ? 'OK' : 'FAIL',
    formatTests(run.tests.model),
    formatTests(run.tests.reference),
    failureMode(run),
    formatOutcome(run),
  ]);
  return `## Claude Code agent\n\n${mdTable(['Model', 'Time', 'Code', 'Tests', 'Reference tests', 'Failure mode', 'Level'], rows)}`;
}

/** "## Failure taxonomy": Level | Model | What happened | Fixable (as measured), worst level first. */
export function taxonomyTable(report: BenchReport): string | null {
  const runs = orderedRuns(report)
    .filter((r) => r.status === 'completed' && r.level !== null)
    .sort((a, b) => (a.level as number) - (b.level as number));
  if (runs.length === 0) return null;
  const naming = runNaming(report, { mode: new Set(report.runs.map((r) => r.mode)).size > 1 });
  const rows = runs.map((run) => {
    const deciding = run.evidence[0];
    const happened =
      deciding === undefined
        ? '—'
        : `${deciding.shows}${deciding.quote === '' ? '' : ` (“${snippet(deciding.quote, 60)}”)`}`;
    return [formatOutcome(run), runName(run, naming), happened, run.fixability?.summary ?? '—'];
  });
  return `## Failure taxonomy\n\n${mdTable(['Level', 'Model', 'What happened', 'Fixable (as measured)'], rows)}`;
}
