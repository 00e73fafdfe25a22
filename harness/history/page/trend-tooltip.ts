/** The text of a trend chart's tooltip for one night. */
import { formatPercent, formatRate, formatSeconds, outcomeText } from '../view/format.ts';
import type { ChangeMarker, TrendPoint } from '../view/trends.ts';
import type { GroupView } from '../view-model.ts';

function metricLine(mode: 'agent' | 'raw', group: GroupView | null, metric: 'decode' | 'ttft' | 'pass'): string {
  if (group === null) return `${mode}: not run`;
  if (metric === 'pass')
    return `${mode}: pass@1 ${formatPercent(group.passAt1)} of ${group.attempts}, level ${outcomeText(group)}`;
  const s = group[metric];
  const show =
    metric === 'decode' ? (v: number | null) => `${formatRate(v)} tok/s` : (v: number | null) => formatSeconds(v);
  if (s.median === null) return `${mode}: no completed run`;
  return `${mode}: ${show(s.median)} median (p5 ${show(s.p5)}, p95 ${show(s.p95)}, n ${s.n})`;
}

/** Night, both modes' values, and what changed or regressed that night. */
export function trendTooltip(
  points: readonly TrendPoint[],
  markers: readonly ChangeMarker[],
  index: number,
  metric: 'decode' | 'ttft' | 'pass',
): string[] {
  const point = points[index];
  if (point === undefined) return [];
  const { context } = point;
  const lines = [
    `${point.night.id}${context === null ? '' : ` · ${context.backend} · Claude Code ${context.claudeCode ?? '?'}`}`,
    metricLine('agent', point.agent, metric),
    metricLine('raw', point.raw, metric),
  ];
  const marker = markers.find((m) => m.index === index);
  if (marker !== undefined) lines.push(`changed: ${marker.changes.join('; ')}`);
  if (point.regressions.length > 0) lines.push(`▼ regression: ${point.regressions.join('; ')}`);
  return lines;
}
