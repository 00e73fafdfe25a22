/** A horizontal grouped bar chart: one group per category, one bar per series. */
import { chartHeader, legend, px, svgDocument, svgRect, svgText, textWidth } from './svg.ts';

export interface BarSeries {
  name: string;
  color: string;
  /** One value per category; null draws "n/a". */
  values: ReadonlyArray<number | null>;
}

export interface GroupedBarChart {
  title: string;
  /** Shown after each value, e.g. " tok/s". */
  unit: string;
  categories: readonly string[];
  series: readonly BarSeries[];
  format(value: number): string;
  scripted: boolean;
}

const width = 760;
const barHeight = 16;
const barGap = 3;
const groupGap = 14;

/** Renders the chart as a self-contained SVG document. */
export function renderGroupedBarChart(chart: GroupedBarChart): string {
  const header = chartHeader(chart.title, chart.scripted);
  const key = legend(16, header.height, width - 32, chart.series);
  const top = header.height + key.height + 6;
  const labelWidth = Math.min(300, Math.max(80, ...chart.categories.map((c) => textWidth(c) + 16)));
  const valueRoom = 90;
  const plotWidth = width - labelWidth - valueRoom - 16;
  const values = chart.series.flatMap((s) => s.values.filter((v): v is number => v !== null && Number.isFinite(v)));
  const max = Math.max(0, ...values);
  const scale = max > 0 ? plotWidth / max : 0;
  const groupHeight = chart.series.length * (barHeight + barGap) - barGap;

  const body = [...header.lines, ...key.lines];
  if (chart.categories.length === 0) body.push(svgText(16, top + 16, 'No runs to show.', 'fill="#666666"'));
  chart.categories.forEach((category, i) => {
    const y = top + i * (groupHeight + groupGap);
    body.push(svgText(labelWidth - 8, y + groupHeight / 2 + 4, category, 'text-anchor="end" fill="#222222"'));
    chart.series.forEach((series, j) => {
      const value = series.values[i] ?? null;
      const barY = y + j * (barHeight + barGap);
      if (value === null || !Number.isFinite(value)) {
        body.push(svgText(labelWidth + 4, barY + barHeight - 4, 'n/a', 'fill="#888888"'));
        return;
      }
      const barWidth = value * scale;
      const label = `${chart.format(value)}${chart.unit}`;
      body.push(
        svgRect(labelWidth, barY, barWidth, barHeight, series.color, `${category} — ${series.name}: ${label}`),
        svgText(labelWidth + barWidth + 4, barY + barHeight - 4, label, 'fill="#333333"'),
      );
    });
  });
  const plotBottom = top + Math.max(1, chart.categories.length) * (groupHeight + groupGap);
  body.push(
    `<line x1="${px(labelWidth)}" y1="${px(top - 4)}" x2="${px(labelWidth)}" y2="${px(plotBottom - groupGap + 4)}" stroke="#999999"/>`,
  );
  return svgDocument(width, plotBottom + 10, chart.title, body);
}
