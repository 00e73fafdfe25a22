/** A horizontal stacked bar chart: one bar per row, one coloured segment per outcome. */
import { chartHeader, legend, px, svgDocument, svgRect, svgText, textWidth } from './svg.ts';

export interface StackedBarChart {
  title: string;
  rows: readonly string[];
  segments: ReadonlyArray<{ name: string; color: string }>;
  /** counts[row][segment]. */
  counts: ReadonlyArray<readonly number[]>;
  scripted: boolean;
}

const width = 760;
const barHeight = 20;
const rowGap = 10;

/** Renders the chart as a self-contained SVG document; counts are written inside wide segments. */
export function renderStackedBarChart(chart: StackedBarChart): string {
  const header = chartHeader(chart.title, chart.scripted);
  const key = legend(16, header.height, width - 32, chart.segments);
  const top = header.height + key.height + 6;
  const labelWidth = Math.min(300, Math.max(80, ...chart.rows.map((r) => textWidth(r) + 16)));
  const plotWidth = width - labelWidth - 60;
  const totals = chart.counts.map((row) => row.reduce((sum, n) => sum + n, 0));
  const max = Math.max(0, ...totals);
  const scale = max > 0 ? plotWidth / max : 0;

  const body = [...header.lines, ...key.lines];
  if (chart.rows.length === 0) body.push(svgText(16, top + 16, 'No runs to show.', 'fill="#666666"'));
  chart.rows.forEach((row, i) => {
    const y = top + i * (barHeight + rowGap);
    body.push(svgText(labelWidth - 8, y + barHeight / 2 + 4, row, 'text-anchor="end" fill="#222222"'));
    let x = labelWidth;
    chart.segments.forEach((segment, j) => {
      const count = chart.counts[i]?.[j] ?? 0;
      if (count <= 0) return;
      const segmentWidth = count * scale;
      body.push(svgRect(x, y, segmentWidth, barHeight, segment.color, `${row} — ${segment.name}: ${count}`));
      if (segmentWidth >= 16) {
        body.push(
          svgText(
            x + segmentWidth / 2,
            y + barHeight / 2 + 4,
            String(count),
            'text-anchor="middle" fill="#ffffff" font-weight="bold"',
          ),
        );
      }
      x += segmentWidth;
    });
    body.push(svgText(x + 6, y + barHeight / 2 + 4, `n=${totals[i] ?? 0}`, 'fill="#333333"'));
  });
  const bottom = top + Math.max(1, chart.rows.length) * (barHeight + rowGap);
  body.push(
    `<line x1="${px(labelWidth)}" y1="${px(top - 4)}" x2="${px(labelWidth)}" y2="${px(bottom - rowGap + 4)}" stroke="#999999"/>`,
  );
  return svgDocument(width, bottom + 10, chart.title, body);
}
