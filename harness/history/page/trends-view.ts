/** Trends of one model and task over the nights: level strips, what changed, and speed and pass@1 charts. */
import { formatPercent, formatRate, formatSeconds, outcomeClass, outcomeText } from '../view/format.ts';
import type { Route } from '../view/route.ts';
import { formatHash, groupParam } from '../view/route.ts';
import type { ChangeMarker, TrendPoint } from '../view/trends.ts';
import { changeMarkers, modelsAndTasks, trendPoints } from '../view/trends.ts';
import type { GroupView } from '../view-model.ts';
import type { PageContext } from './context.ts';
import { h, selectField } from './dom.ts';
import type { StripCell } from './level-strip.ts';
import { levelStrip } from './level-strip.ts';
import type { TrendChart } from './trend-chart.ts';
import { trendChart } from './trend-chart.ts';
import { trendTooltip } from './trend-tooltip.ts';

type TrendsRoute = Extract<Route, { view: 'trends' }>;

const colors = { agent: '#1f6fd1', raw: '#d9730d' } as const;

function cellsFor(
  ctx: PageContext,
  points: readonly TrendPoint[],
  markers: readonly ChangeMarker[],
  mode: 'raw' | 'agent' | 'passAtK',
) {
  const changed = new Set(markers.map((m) => m.index));
  return points.map((point, index): StripCell => {
    const group: GroupView | null = mode === 'raw' ? point.raw : point.agent;
    const link = (g: GroupView) =>
      formatHash({
        route: { view: 'night', night: point.night.id, group: groupParam(g), run: null },
        filters: ctx.state.filters,
      });
    const base = { nightId: point.night.id, regressed: point.regressions.length > 0, changed: changed.has(index) };
    if (group === null)
      return { ...base, className: 'none', text: '', label: `${point.night.id}: not run`, href: null };
    if (mode === 'passAtK') {
      const pass = group.passAtK;
      const text = pass === null ? '' : pass === 1 ? '✓' : '✗';
      const label = `${point.night.id}: agent pass@${group.attempts} ${pass === null ? 'not graded' : pass === 1 ? 'yes' : 'no'}, pass@1 ${formatPercent(group.passAt1)}`;
      return {
        ...base,
        className: pass === 1 ? 'pass-yes' : pass === 0 ? 'pass-no' : 'none',
        text,
        label,
        href: link(group),
      };
    }
    const regress = point.regressions.length > 0 ? ` — regression: ${point.regressions.join('; ')}` : '';
    const label = `${point.night.id}: ${mode} level ${outcomeText(group)}${regress}`;
    return {
      ...base,
      className: outcomeClass(group),
      text: group.level === null ? '·' : String(group.level),
      label,
      href: link(group),
    };
  });
}

function changesList(ctx: PageContext, points: readonly TrendPoint[], markers: readonly ChangeMarker[]): HTMLElement {
  const list = h('ul', { class: 'changes' });
  const nightLink = (id: string) =>
    h(
      'a',
      { href: formatHash({ route: { view: 'night', night: id, group: null, run: null }, filters: ctx.state.filters }) },
      id,
    );
  for (const marker of markers)
    list.append(h('li', { class: 'change' }, nightLink(marker.nightId), `: ${marker.changes.join('; ')}`));
  for (const point of points) {
    if (point.regressions.length === 0) continue;
    list.append(h('li', { class: 'regression' }, nightLink(point.night.id), `: ▼ ${point.regressions.join('; ')}`));
  }
  if (list.childElementCount === 0)
    list.append(h('li', {}, 'Nothing changed and nothing regressed over these nights.'));
  return h('section', { class: 'what-changed' }, h('h3', {}, 'What changed, and regression nights'), list);
}

function spreadLines(
  points: readonly TrendPoint[],
  pick: (g: GroupView) => { median: number | null; p5: number | null; p95: number | null },
) {
  return (['agent', 'raw'] as const).map((mode) => {
    const values = points.map((p) => (p[mode] === null ? null : pick(p[mode] as GroupView)));
    return {
      label: `${mode} median (band: p5–p95 of the repeats)`,
      color: colors[mode],
      median: values.map((v) => v?.median ?? null),
      low: values.map((v) => v?.p5 ?? null),
      high: values.map((v) => v?.p95 ?? null),
    };
  });
}

function charts(points: readonly TrendPoint[], markers: readonly ChangeMarker[], width: number): TrendChart[] {
  const x = points.map((p) => Date.parse(p.night.startedAt) / 1000);
  const common = {
    x,
    markers: markers.map((m) => m.index),
    regressions: points.flatMap((p, i) => (p.regressions.length > 0 ? [i] : [])),
  };
  const tip = (metric: 'decode' | 'ttft' | 'pass') => (index: number) => trendTooltip(points, markers, index, metric);
  return [
    trendChart(
      {
        ...common,
        title: 'Decode tok/s',
        key: 'decode',
        lines: spreadLines(points, (g) => g.decode),
        format: formatRate,
        tooltip: tip('decode'),
      },
      width,
    ),
    trendChart(
      {
        ...common,
        title: 'Time to first token',
        key: 'ttft',
        lines: spreadLines(points, (g) => g.ttft),
        format: (v) => formatSeconds(v),
        tooltip: tip('ttft'),
      },
      width,
    ),
    trendChart(
      {
        ...common,
        title: 'pass@1 (share of attempts at level 6)',
        key: 'pass',
        lines: (['agent', 'raw'] as const).map((mode) => ({
          label: `${mode} pass@1`,
          color: colors[mode],
          median: points.map((p) =>
            p[mode]?.passAt1 === null || p[mode] === null ? null : ((p[mode] as GroupView).passAt1 as number),
          ),
          low: null,
          high: null,
        })),
        format: formatPercent,
        tooltip: tip('pass'),
      },
      width,
    ),
  ];
}

/** The trends view of the route's model and task (the first ones when none is given). */
export function renderTrends(ctx: PageContext, route: TrendsRoute, width: number): HTMLElement {
  if (!ctx.complete) {
    ctx.awaitHistory();
    return h('section', {}, h('h2', {}, 'Trends'), h('p', { class: 'empty' }, 'Loading the history…'));
  }
  const { models, tasks } = modelsAndTasks(ctx.data.nights);
  const model = route.model !== null && models.includes(route.model) ? route.model : (models[0] ?? '');
  const task = route.task !== null && tasks.includes(route.task) ? route.task : (tasks[0] ?? '');
  const points = trendPoints(ctx.data.nights, model, task, ctx.state.filters);
  const markers = changeMarkers(points);
  const plots = charts(points, markers, width);
  for (const plot of plots) ctx.onCleanup(plot.destroy);
  const focusNight = (index: number) => {
    for (const plot of plots) plot.showNight(index);
  };
  const last = points.length - 1;
  const pick = (m: string, t: string) => ctx.go({ ...ctx.state, route: { view: 'trends', model: m, task: t } });
  return h(
    'section',
    { 'aria-labelledby': 'trends-title' },
    h('h2', { id: 'trends-title' }, `Trends — ${model} · ${task}`),
    h(
      'div',
      { class: 'controls' },
      selectField(
        'Model',
        'model',
        models.map((m) => ({ value: m, text: m })),
        model,
        (m) => pick(m, task),
      ),
      selectField(
        'Task',
        'task',
        tasks.map((t) => ({ value: t, text: t })),
        task,
        (t) => pick(model, t),
      ),
    ),
    h(
      'p',
      { class: 'hint' },
      'Each cell is a night: Tab to a strip, ←/→ to move between nights (the charts follow), Enter to open its runs.',
    ),
    h(
      'div',
      { class: 'strips' },
      levelStrip('Agent level', 'strip-agent', cellsFor(ctx, points, markers, 'agent'), last, focusNight),
      levelStrip('Raw level', 'strip-raw', cellsFor(ctx, points, markers, 'raw'), last, focusNight),
      levelStrip('Agent pass@k', 'strip-pass', cellsFor(ctx, points, markers, 'passAtK'), last, focusNight),
    ),
    changesList(ctx, points, markers),
    ...plots.map((p) => p.element),
  );
}
