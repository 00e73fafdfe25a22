/** One trend chart (uPlot): median lines with a p5–p95 band, change markers, regression nights and a tooltip. */
import uPlot from 'uplot';
import { h } from './dom.ts';

export interface TrendLine {
  label: string;
  color: string;
  median: Array<number | null>;
  low: Array<number | null> | null;
  high: Array<number | null> | null;
}

export interface TrendChartSpec {
  title: string;
  key: string;
  /** Night start times in seconds. */
  x: number[];
  lines: TrendLine[];
  format: (value: number) => string;
  /** Nights where the backend, model digest, Claude Code or host changed. */
  markers: number[];
  regressions: number[];
  /** The tooltip of a night, one line each. */
  tooltip: (index: number) => string[];
}

export interface TrendChart {
  element: HTMLElement;
  /** Moves the cursor to a night and shows its tooltip (for keyboard use). */
  showNight(index: number): void;
  destroy(): void;
}

function seriesOf(spec: TrendChartSpec): { series: uPlot.Series[]; data: uPlot.AlignedData; bands: uPlot.Band[] } {
  const series: uPlot.Series[] = [{}];
  const data: Array<Array<number | null>> = [spec.x];
  const bands: uPlot.Band[] = [];
  for (const line of spec.lines) {
    series.push({ label: line.label, stroke: line.color, width: 2, spanGaps: false, points: { size: 5 } });
    data.push(line.median);
    if (line.low !== null && line.high !== null) {
      const high = data.length;
      series.push({ label: `${line.label} p95`, stroke: 'transparent', points: { show: false } });
      data.push(line.high);
      series.push({ label: `${line.label} p5`, stroke: 'transparent', points: { show: false } });
      data.push(line.low);
      bands.push({ series: [high, high + 1], fill: `${line.color}33` });
    }
  }
  return { series, data: data as uPlot.AlignedData, bands };
}

function drawNightMarks(u: uPlot, spec: TrendChartSpec): void {
  const { ctx, bbox } = u;
  const column = (index: number): number => u.valToPos(spec.x[index] as number, 'x', true);
  ctx.save();
  ctx.fillStyle = 'rgba(200, 30, 30, 0.14)';
  for (const index of spec.regressions) ctx.fillRect(column(index) - 4, bbox.top, 8, bbox.height);
  ctx.strokeStyle = '#6a3fb5';
  ctx.setLineDash([4, 4]);
  ctx.lineWidth = 1.5;
  for (const index of spec.markers) {
    ctx.beginPath();
    ctx.moveTo(column(index), bbox.top);
    ctx.lineTo(column(index), bbox.top + bbox.height);
    ctx.stroke();
  }
  ctx.restore();
}

function showTooltip(u: uPlot, spec: TrendChartSpec, tooltip: HTMLElement): void {
  const index = u.cursor.idx;
  if (index === null || index === undefined || u.cursor.left === undefined || u.cursor.left < 0) {
    tooltip.hidden = true;
    return;
  }
  tooltip.replaceChildren(...spec.tooltip(index).map((line) => h('div', {}, line)));
  tooltip.hidden = false;
  const left = Math.min(u.cursor.left + 12, Math.max(0, u.over.clientWidth - tooltip.offsetWidth));
  tooltip.style.left = `${left}px`;
}

/** Creates the chart inside a section with its title and a visually matching tooltip. */
export function trendChart(spec: TrendChartSpec, width: number): TrendChart {
  const tooltip = h('div', { class: 'tooltip', role: 'status', 'data-chart': spec.key, hidden: true });
  const plotBox = h('div', { class: 'plot' });
  const element = h('section', { class: 'chart', 'data-chart': spec.key }, h('h3', {}, spec.title), plotBox);
  const { series, data, bands } = seriesOf(spec);
  const plot = new uPlot(
    {
      width,
      height: 220,
      series,
      bands,
      legend: { show: false },
      scales: { x: { time: true } },
      axes: [{}, { values: (_u, splits) => splits.map((v) => spec.format(v)), size: 64 }],
      cursor: { drag: { x: false, y: false } },
      hooks: { draw: [(u) => drawNightMarks(u, spec)], setCursor: [(u) => showTooltip(u, spec, tooltip)] },
    },
    data,
    plotBox,
  );
  plot.over.append(tooltip);
  const legend = h('ul', { class: 'legend' });
  for (const line of spec.lines) legend.append(h('li', { style: `--swatch: ${line.color}` }, line.label));
  element.append(legend);
  const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(240, element.clientWidth), height: 220 }));
  resize.observe(element);
  return {
    element,
    showNight: (index) => {
      const x = spec.x[index];
      if (x === undefined) return;
      plot.setCursor({ left: plot.valToPos(x, 'x'), top: plot.over.clientHeight / 2 });
    },
    destroy: () => {
      resize.disconnect();
      plot.destroy();
    },
  };
}
