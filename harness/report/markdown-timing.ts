/**
 * "## Timing": every run's timing figures, each either a number or why there is none, and the
 * caveats that make a figure incomparable across backends written next to the table.
 */
import type { MetricCaveat, RunRecord } from '../core/run.ts';
import { formatDuration, formatRate, formatSeconds, orderedRuns, runName, runNaming } from './format.ts';
import { caveatNotes } from './markdown-results.ts';
import { mdTable } from './markdown-table.ts';
import type { BenchReport } from './types.ts';

function loadCell(run: RunRecord): string {
  const load = formatDuration(run.metrics.loadMs, true);
  return run.metrics.loads > 0 ? `${load} (${run.metrics.loads} load${run.metrics.loads > 1 ? 's' : ''})` : load;
}

/** A figure a caveat makes incomparable across backends, marked in its own cell (the note below says why). */
function marked(run: RunRecord, caveat: MetricCaveat, cell: string, tag: string): string {
  return run.metrics.caveats.includes(caveat) && !cell.startsWith('—') ? `${cell} (${tag})` : cell;
}

/** One row per run: TTFT (first content, text, tool call), decode (proxy, server), prefill, load, queue. */
export function timingSection(report: BenchReport): string | null {
  const runs = orderedRuns(report);
  if (runs.length === 0) return null;
  const naming = runNaming(report, { mode: true });
  const rows = runs.map((run) => {
    const m = run.metrics;
    return [
      runName(run, naming),
      formatSeconds(m.ttftMs, 2, true),
      formatSeconds(m.ttftTextMs, 2, true),
      marked(run, 'tool_calls_sent_whole', formatSeconds(m.ttftToolCallMs, 2, true), 'whole call'),
      formatRate(m.decodeTokensPerSec, true),
      formatRate(m.serverDecodeTokensPerSec, true),
      marked(run, 'prefill_includes_cache_hits', formatRate(m.prefillTokensPerSec, true), 'includes cache hits'),
      loadCell(run),
      formatSeconds(m.queueMs, 2),
    ];
  });
  const headers = ['Run', 'TTFT', 'TTFT text', 'TTFT tool call', 'Decode tok/s', 'Server decode', 'Prefill tok/s'];
  const legend =
    'TTFT is the first turn’s first content of any kind; TTFT text and TTFT tool call come from the first turn that had ' +
    'text or a tool call. Decode is measured at the proxy; server decode and prefill are what the server says, prefill ' +
    'over the prompt tokens it did not take from its cache. Load sums every turn’s model load. A dash says why a figure is missing.';
  return `## Timing\n\n${legend}\n\n${mdTable([...headers, 'Load', 'Queue'], rows)}${caveatNotes(runs)}`;
}
