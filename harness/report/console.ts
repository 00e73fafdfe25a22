/** The summary printed to the terminal at the end of a bench. */
import Table from 'cli-table3';
import { formatOutcome, formatRate, formatSeconds, formatTests, orderedRuns, scriptedNotice } from './format.ts';
import type { BenchReport } from './types.ts';

/** One compact table (model, task, mode, result, tests, TTFT, tok/s), headed by the scripted notice when it applies. */
export function renderConsoleSummary(report: BenchReport): string {
  const table = new Table({
    head: ['Model', 'Task', 'Mode', 'Result', 'Tests (ref)', 'TTFT', 'tok/s'],
    // No colours: the text is also captured into logs and CI output.
    style: { head: [], border: [] },
  });
  for (const run of orderedRuns(report)) {
    table.push([
      run.model,
      run.task,
      `${run.mode}${run.claudeCode === null ? '' : ` cc ${run.claudeCode}`}${run.attempt > 1 ? ` #${run.attempt}` : ''}${run.rescue ? ' +rescue' : ''}`,
      run.status === 'completed' ? `L${formatOutcome(run)}` : formatOutcome(run),
      run.status === 'completed' ? `${formatTests(run.tests.model)} (${formatTests(run.tests.reference)})` : '—',
      formatSeconds(run.metrics.ttftMs),
      formatRate(run.metrics.decodeTokensPerSec),
    ]);
  }
  const lines = report.scripted ? [scriptedNotice, table.toString()] : [table.toString()];
  return lines.join('\n');
}
