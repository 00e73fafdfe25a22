/** The FastAPI smoke checklist, infra errors and timeouts, security events and per-run evidence. */
import type { CompletedRun, RunRecord, SmokeChecks } from '../core/run.ts';
import { fixabilityLine } from './fixability-line.ts';
import { causeWords, formatDuration, formatOutcome, orderedRuns, runName, runNaming } from './format.ts';
import { htmlText, mdCode, mdFence, mdTable } from './markdown-table.ts';
import type { BenchReport } from './types.ts';

const smokeColumns: ReadonlyArray<[keyof SmokeChecks, string]> = [
  ['filesInWorkspace', 'Files in workspace'],
  ['pytestRan', 'pytest ran'],
  ['failurePatched', 'Failure patched'],
  ['noTemplateTokens', 'No template tokens'],
  ['noTruncation', 'No truncation'],
];

/** "## FastAPI smoke checklist": five ✓/✗ columns per run that has smoke checks. */
export function smokeSection(report: BenchReport): string | null {
  const runs = orderedRuns(report).filter(
    (r): r is CompletedRun & { smokeChecks: SmokeChecks } => r.status === 'completed' && r.smokeChecks !== null,
  );
  if (runs.length === 0) return null;
  const naming = runNaming(report, { mode: new Set(runs.map((r) => r.mode)).size > 1 });
  const rows = runs.map((run) => [
    runName(run, naming),
    ...smokeColumns.map(([key]) => (run.smokeChecks[key] ? '✓' : '✗')),
  ]);
  return `## FastAPI smoke checklist\n\n${mdTable(['Model', ...smokeColumns.map(([, title]) => title)], rows)}`;
}

/** "## Timeouts and infrastructure errors": runs with no level, listed apart from the taxonomy. */
export function infraSection(report: BenchReport): string | null {
  const runs = orderedRuns(report).flatMap((r) => (r.status === 'completed' ? [] : [r]));
  if (runs.length === 0) return null;
  const naming = runNaming(report, { mode: true });
  const rows = runs.map((run) => [
    runName(run, naming),
    run.status === 'timeout' ? 'timeout' : 'infra error',
    formatDuration(run.metrics.wallMs),
    causeWords(run.cause),
    run.message,
  ]);
  const note = 'These runs have no level: they say nothing about the model’s compatibility.';
  return `## Timeouts and infrastructure errors\n\n${note}\n\n${mdTable(['Run', 'Status', 'Time', 'Cause', 'Message'], rows)}`;
}

/** "## Security events": writes aimed outside the run's workspace. */
export function securitySection(report: BenchReport): string | null {
  const runs = orderedRuns(report).filter((r) => r.securityEvents.length > 0);
  if (runs.length === 0) return null;
  const naming = runNaming(report, { mode: true });
  const rows = runs.flatMap((run) =>
    run.securityEvents.map((event) => [
      runName(run, naming),
      event.kind,
      event.tool,
      event.target,
      event.refused ? 'refused' : 'allowed',
    ]),
  );
  return `## Security events\n\n${mdTable(['Run', 'Event', 'Tool', 'Target', 'Outcome'], rows)}`;
}

function runEvidence(run: RunRecord, name: string): string {
  const parts = [`<details><summary>${htmlText(`${name} — ${formatOutcome(run)}`)}</summary>`, ''];
  if (run.evidence.length === 0) parts.push('No evidence recorded.', '');
  run.evidence.forEach((item, index) => {
    const source = item.source === undefined ? '' : ` _(${htmlText(item.source)})_`;
    const deciding = index === 0 ? ' (deciding)' : '';
    parts.push(`**${htmlText(item.kind)}**${deciding} — ${htmlText(item.shows)}${source}`, '', mdFence(item.quote), '');
  });
  if (run.protocolErrors.length > 0) {
    const lines = run.protocolErrors.map(
      (e) =>
        `- ${htmlText(e.kind)}: ${mdCode(e.call.name)}${e.text === undefined ? '' : ` written as ${htmlText(e.text.format)} text`}${e.repairedBy === null ? '' : `, repaired by ${e.repairedBy}`}`,
    );
    parts.push('Protocol errors:', '', ...lines, '');
  }
  if (run.status === 'completed' && run.level < 6)
    parts.push(`Fixable: ${htmlText(fixabilityLine(run.level, run.fixability))}`, '');
  parts.push('</details>');
  return parts.join('\n');
}

/** "## Evidence": the quotes behind every run's level, folded per run. */
export function evidenceSection(report: BenchReport): string | null {
  if (report.runs.length === 0) return null;
  const naming = runNaming(report, { mode: true });
  const blocks = orderedRuns(report).map((run) => runEvidence(run, runName(run, naming)));
  return `## Evidence\n\n${blocks.join('\n\n')}`;
}
