/**
 * "## Claude Code releases": per model and task, the agent level under each release side by side,
 * and one line per change with the protocol errors and deciding evidence that explain it. Shown
 * only when the report's agent runs used more than one release.
 */
import { labelForLevel } from '../core/run.ts';
import { formatPercent, labelWords, orderedModels, statusWords } from './format.ts';
import { mdCell, mdTable } from './markdown-table.ts';
import { decidingText, explainReleaseChange, outcomeChange, representativeRun } from './release-changes.ts';
import { compareVersions, groupRuns, summarise } from './summarise.ts';
import type { BenchReport, RunSummary } from './types.ts';

interface ReleaseRow {
  model: string;
  /** "sim-path · lru-cache" (· rescue) */
  name: string;
  /** Per release: the group's summary and runs, when it ran under that release. */
  cells: Map<string, { summary: RunSummary; runs: BenchReport['runs'] }>;
}

function cellText(summary: RunSummary | undefined): string {
  if (summary === undefined) return '—';
  const rate = summary.attempts > 1 ? ` (pass@1 ${formatPercent(summary.passAt1)})` : '';
  if (summary.modalStatus !== 'completed' || summary.modalLevel === null)
    return `${statusWords[summary.modalStatus]}${rate}`;
  return `${summary.modalLevel} ${labelWords[labelForLevel[summary.modalLevel]]}${rate}`;
}

/** The agent groups by model and task (in report order), each with its releases. */
function releaseRows(report: BenchReport): ReleaseRow[] {
  const rows = new Map<string, ReleaseRow>();
  for (const { key, runs } of groupRuns(report.runs.filter((r) => r.mode === 'agent'))) {
    if (key.claudeCode === null) continue;
    const name = `${key.model} · ${key.task}${key.rescue ? ' · rescue' : ''}`;
    const row = rows.get(name) ?? { model: key.model, name, cells: new Map() };
    row.cells.set(key.claudeCode, { summary: summarise(runs)[0] as RunSummary, runs });
    rows.set(name, row);
  }
  const modelOrder = orderedModels(report);
  return [...rows.values()].sort((a, b) => modelOrder.indexOf(a.model) - modelOrder.indexOf(b.model));
}

/** One line per change between consecutive releases a row ran under. */
function changeLines(row: ReleaseRow, releases: readonly string[]): string[] {
  const present = releases.filter((v) => row.cells.has(v));
  const lines: string[] = [];
  for (let i = 1; i < present.length; i += 1) {
    const [from, to] = [present[i - 1] as string, present[i] as string];
    const [before, after] = [row.cells.get(from), row.cells.get(to)];
    if (before === undefined || after === undefined) continue;
    const change = outcomeChange(before.summary, after.summary);
    if (change === null) continue;
    const why = explainReleaseChange({ version: from, runs: before.runs }, { version: to, runs: after.runs });
    const deciding = (version: string, side: typeof before): string => {
      const run = representativeRun(side.runs, side.summary);
      return `  - ${version}: ${mdCell(run === undefined ? 'no runs' : decidingText(run))}`;
    };
    lines.push(
      `- **${row.name}**: ${change} from ${from} to ${to}${why === null ? '' : ` — ${why}`}`,
      deciding(from, before),
      deciding(to, after),
    );
  }
  return lines;
}

/** The section, or null when every agent run used the same release. */
export function releasesSection(report: BenchReport): string | null {
  const releases = [
    ...new Set(report.runs.flatMap((r) => (r.mode === 'agent' && r.claudeCode !== null ? [r.claudeCode] : []))),
  ].sort(compareVersions);
  if (releases.length < 2) return null;
  const rows = releaseRows(report);
  const table = mdTable(
    ['Model · Task', ...releases],
    rows.map((row) => [row.name, ...releases.map((v) => cellText(row.cells.get(v)?.summary))]),
  );
  const changes = rows.flatMap((row) => changeLines(row, releases));
  const intro = 'The agent level of each model and task under each Claude Code release (the modal level of its runs).';
  const after =
    changes.length === 0
      ? 'No model and task changed level between releases.'
      : `What changed, with the protocol errors that explain it and each side's deciding evidence:\n\n${changes.join('\n')}`;
  return `## Claude Code releases\n\n${intro}\n\n${table}\n\n${after}`;
}
