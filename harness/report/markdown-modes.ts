/** Raw vs agent per model, and the summary of repeated runs. */
import {
  formatDuration,
  formatPercent,
  formatRate,
  formatSeconds,
  orderedModels,
  orderedRuns,
  statusWords,
} from './format.ts';
import { mdTable } from './markdown-table.ts';
import type { BenchReport, MetricStats, RunSummary } from './types.ts';

function sidePhrase(summary: RunSummary | undefined, as: 'raw' | 'as agent'): { works: boolean; text: string } {
  if (summary === undefined) return { works: false, text: `not run ${as}` };
  const rate = summary.attempts > 1 ? ` (pass@1 ${formatPercent(summary.passAt1)})` : '';
  if (summary.modalStatus !== 'completed') {
    return {
      works: false,
      text: `${as === 'raw' ? 'raw' : 'agent'} run ended in ${statusWords[summary.modalStatus]}${rate}`,
    };
  }
  if (summary.modalLevel === 6) return { works: true, text: `works ${as}${rate}` };
  return { works: false, text: `fails ${as} at level ${summary.modalLevel ?? '?'}${rate}` };
}

/** One verdict per model and task: "works raw, fails as agent at level 3". */
export function rawVsAgentVerdict(raw: RunSummary | undefined, agent: RunSummary | undefined): string {
  const rawSide = sidePhrase(raw, 'raw');
  const agentSide = sidePhrase(agent, 'as agent');
  const plain = raw !== undefined && agent !== undefined && raw.attempts === 1 && agent.attempts === 1;
  if (rawSide.works && agentSide.works && plain) return 'works raw and as agent';
  return `${rawSide.text}, ${agentSide.text}`;
}

/** "## Raw vs agent": only when both modes ran. Runs without rescue decide when both exist. */
export function rawVsAgentSection(report: BenchReport): string | null {
  const modes = new Set(report.runs.map((r) => r.mode));
  if (!modes.has('raw') || !modes.has('agent')) return null;
  const multiTask = new Set(report.runs.map((r) => r.task)).size > 1;
  const pick = (model: string, task: string, mode: 'raw' | 'agent'): RunSummary | undefined => {
    const matches = report.summary.filter((s) => s.model === model && s.task === task && s.mode === mode);
    return matches.find((s) => !s.rescue) ?? matches[0];
  };
  const rows: string[][] = [];
  for (const model of orderedModels(report)) {
    const tasks = [
      ...new Set(
        orderedRuns(report)
          .filter((r) => r.model === model)
          .map((r) => r.task),
      ),
    ];
    for (const task of tasks) {
      const verdict = rawVsAgentVerdict(pick(model, task, 'raw'), pick(model, task, 'agent'));
      rows.push(multiTask ? [model, task, verdict] : [model, verdict]);
    }
  }
  return `## Raw vs agent\n\n${mdTable(multiTask ? ['Model', 'Task', 'Verdict'] : ['Model', 'Verdict'], rows)}`;
}

function spread(stats: MetricStats, format: (v: number) => string): string {
  const show = (v: number | null): string => (v === null ? '—' : format(v));
  return `${show(stats.median)} / ${show(stats.p95)} / ${show(stats.stddev)}`;
}

/** "## Repeated runs": shown only when some group ran more than once. */
export function repeatsSection(report: BenchReport): string | null {
  if (!report.summary.some((s) => s.attempts > 1)) return null;
  const rows = report.summary.map((s) => [
    s.model,
    s.task,
    `${s.mode}${s.claudeCode === null ? '' : ` (cc ${s.claudeCode})`}${s.rescue ? ' + rescue' : ''}`,
    String(s.attempts),
    formatPercent(s.passAt1),
    s.passAtK === null ? '—' : String(s.passAtK),
    s.modalLevel === null ? statusWords[s.modalStatus] : String(s.modalLevel),
    spread(s.metrics.ttftMs, (v) => formatSeconds(v)),
    spread(s.metrics.decodeTokensPerSec, formatRate),
    formatDuration(s.metrics.wallMs.median),
  ]);
  const headers = [
    'Model',
    'Task',
    'Mode',
    'Runs',
    'pass@1',
    'pass@k',
    'Modal level',
    'TTFT median / p95 / σ',
    'Decode tok/s median / p95 / σ',
    'Total median',
  ];
  const legend =
    'pass@1 is the share of graded attempts (all but infra errors) that reached level 6; pass@k is 1 when any did. ' +
    'Timings are over completed runs; σ is the sample standard deviation.';
  return `## Repeated runs\n\n${legend}\n\n${mdTable(headers, rows)}`;
}
