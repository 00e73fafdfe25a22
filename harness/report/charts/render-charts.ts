/** The report's charts: decode tok/s and TTFT per model (raw vs agent), and the level distribution. */
import type { Level, Mode, RunRecord } from '../../core/run.ts';
import { labelForLevel, measuredValue } from '../../core/run.ts';
import { median } from '../../core/stats.ts';
import { labelWords, orderedModels } from '../format.ts';
import type { BenchReport } from '../types.ts';
import type { BarSeries } from './bar-chart.ts';
import { renderGroupedBarChart } from './bar-chart.ts';
import { renderStackedBarChart } from './stacked-chart.ts';

export interface ChartFile {
  /** Path relative to the report directory, e.g. "charts/decode.svg". */
  file: string;
  /** What the chart shows; the Markdown alt text. */
  title: string;
  svg: string;
}

const modeColors: Record<Mode, string> = { raw: '#4e79a7', agent: '#f28e2b' };

const levelColors: Record<Level, string> = {
  1: '#c0392b',
  2: '#e67e22',
  3: '#d4a017',
  4: '#9b59b6',
  5: '#2980b9',
  6: '#27ae60',
};
const levels: readonly Level[] = [1, 2, 3, 4, 5, 6];

function modeSeries(
  report: BenchReport,
  models: readonly string[],
  pick: (run: RunRecord) => number | null,
): BarSeries[] {
  const modes: Mode[] = (['raw', 'agent'] as const).filter((m) => report.runs.some((r) => r.mode === m));
  return modes.map((mode) => ({
    name: mode === 'raw' ? 'raw API' : 'Claude Code agent',
    color: modeColors[mode],
    values: models.map((model) =>
      median(report.runs.filter((r) => r.model === model && r.mode === mode && r.status === 'completed').map(pick)),
    ),
  }));
}

/** Renders the three charts; values are medians over completed runs (rescue runs included). */
export function renderCharts(report: BenchReport): ChartFile[] {
  const models = orderedModels(report);
  const decodeTitle = 'Decode tok/s';
  const ttftTitle = 'TTFT';
  const levelsTitle = 'Levels';
  const decode = renderGroupedBarChart({
    title: 'Decode speed per model (median tok/s, higher is better)',
    unit: ' tok/s',
    categories: models,
    series: modeSeries(report, models, (r) => measuredValue(r.metrics.decodeTokensPerSec)),
    format: (v) => v.toFixed(1),
    scripted: report.scripted,
  });
  const ttft = renderGroupedBarChart({
    title: 'Time to first token per model (median seconds, lower is better)',
    unit: ' s',
    categories: models,
    // A backend that sends tool calls whole has a TTFT that is not comparable: left out of the chart.
    series: modeSeries(report, models, (r) => {
      const ttft = measuredValue(r.metrics.ttftMs);
      return ttft === null || r.metrics.caveats.includes('tool_calls_sent_whole') ? null : ttft / 1000;
    }),
    format: (v) => v.toFixed(2),
    scripted: report.scripted,
  });

  const rows: string[] = [];
  const counts: number[][] = [];
  for (const model of models) {
    for (const mode of ['raw', 'agent'] as const) {
      const runs = report.runs.filter((r) => r.model === model && r.mode === mode);
      if (runs.length === 0) continue;
      rows.push(`${model} · ${mode}`);
      counts.push([
        ...levels.map((level) => runs.filter((r) => r.status === 'completed' && r.level === level).length),
        runs.filter((r) => r.status === 'timeout').length,
        runs.filter((r) => r.status === 'infra_error').length,
      ]);
    }
  }
  const distribution = renderStackedBarChart({
    title: 'Failure level per model and mode (run counts)',
    rows,
    segments: [
      ...levels.map((level) => ({ name: `${level} ${labelWords[labelForLevel[level]]}`, color: levelColors[level] })),
      { name: 'timeout', color: '#7f7f7f' },
      { name: 'infra error', color: '#bdbdbd' },
    ],
    counts,
    scripted: report.scripted,
  });
  return [
    { file: 'charts/decode.svg', title: decodeTitle, svg: decode },
    { file: 'charts/ttft.svg', title: ttftTitle, svg: ttft },
    { file: 'charts/levels.svg', title: levelsTitle, svg: distribution },
  ];
}
