/** The leaderboard of a night: per model and task, levels, fixability, speed, pass@k, VRAM and Claude Code. */
import { formatGiB, formatPercent, formatRate, formatSeconds, outcomeClass, outcomeText } from '../view/format.ts';
import type { LeaderboardRow } from '../view/leaderboard.ts';
import { leaderboardNight, leaderboardRows, sortRows } from '../view/leaderboard.ts';
import type { Route, SortKey } from '../view/route.ts';
import { formatHash, groupParam } from '../view/route.ts';
import type { GroupView, NightView } from '../view-model.ts';
import type { PageContext } from './context.ts';
import { h, selectField } from './dom.ts';
import { nightPicker } from './night-picker.ts';

type LeaderboardRoute = Extract<Route, { view: 'leaderboard' }>;

const columns: ReadonlyArray<{ key: SortKey | null; text: string }> = [
  { key: 'model', text: 'Model · task' },
  { key: null, text: 'Verdict' },
  { key: 'raw', text: 'Raw level' },
  { key: 'agent', text: 'Agent level' },
  { key: null, text: 'Fixable (measured)' },
  { key: 'decode', text: 'Decode tok/s' },
  { key: 'ttft', text: 'TTFT' },
  { key: 'passAtK', text: 'pass@k (pass@1)' },
  { key: 'vram', text: 'VRAM' },
  { key: null, text: 'Claude Code' },
];

function headerRow(ctx: PageContext, route: LeaderboardRoute): HTMLTableRowElement {
  const row = h('tr');
  for (const column of columns) {
    if (column.key === null) {
      row.append(h('th', { scope: 'col', class: 'plain' }, column.text));
      continue;
    }
    const key = column.key;
    const active = route.sort === key;
    const sort = active ? (route.descending ? 'descending' : 'ascending') : null;
    const next: LeaderboardRoute = {
      ...route,
      sort: key,
      descending: active ? !route.descending : key !== 'model' && key !== 'ttft',
    };
    row.append(
      h(
        'th',
        { scope: 'col', class: 'sortable', 'aria-sort': sort },
        h(
          'button',
          {
            type: 'button',
            class: 'sort',
            'data-key': `sort-${key}`,
            onclick: () => ctx.go({ ...ctx.state, route: next }),
          },
          column.text,
          h('span', { class: 'sort-mark', 'aria-hidden': 'true' }, active ? (route.descending ? ' ▼' : ' ▲') : ''),
        ),
      ),
    );
  }
  return row;
}

function levelCell(ctx: PageContext, night: NightView, group: GroupView | null): HTMLTableCellElement {
  const label = group === null ? '' : `${group.mode === 'raw' ? 'Raw' : 'Agent'} level`;
  if (group === null) return h('td', { class: 'level none' }, '—');
  const href = formatHash({
    route: { view: 'night', night: night.id, group: groupParam(group), run: null },
    filters: ctx.state.filters,
  });
  const text = outcomeText(group);
  return h(
    'td',
    { class: `level ${outcomeClass(group)}`, 'data-label': label },
    h('a', { href, title: `Open the ${group.mode} runs of ${night.id}` }, text),
  );
}

function timingCell(value: string, group: GroupView | null, spread: 'decode' | 'ttft'): HTMLTableCellElement {
  const s = group?.[spread];
  const show = spread === 'decode' ? formatRate : (v: number | null) => formatSeconds(v);
  const title = s === undefined || s.n < 2 ? null : `median of ${s.n} runs; p5 ${show(s.p5)}, p95 ${show(s.p95)}`;
  return h('td', { class: 'num', title, 'data-label': spread === 'decode' ? 'Decode tok/s' : 'TTFT' }, value);
}

function passCell(group: GroupView | null): HTMLTableCellElement {
  if (group === null || group.passAtK === null) return h('td', { class: 'num', 'data-label': 'pass@k' }, '—');
  const text = `${group.passAtK === 1 ? 'yes' : 'no'} (${formatPercent(group.passAt1)} of ${group.attempts})`;
  return h('td', { class: `num pass-${group.passAtK === 1 ? 'yes' : 'no'}`, 'data-label': 'pass@k' }, text);
}

function bodyRow(
  ctx: PageContext,
  night: NightView,
  row: LeaderboardRow,
  timing: 'raw' | 'agent',
): HTMLTableRowElement {
  const timed = timing === 'raw' ? row.raw : row.agent;
  const trends = formatHash({
    route: { view: 'trends', model: row.model, task: row.task },
    filters: ctx.state.filters,
  });
  const failing = [row.agent, row.raw].find((g) => g?.fixable !== null && g?.fixable !== undefined);
  return h(
    'tr',
    {
      class: row.regressions.length > 0 ? 'regressed' : null,
      'data-model': row.model,
      'data-task': row.task,
      'data-claude-code': row.claudeCode,
    },
    h(
      'th',
      { scope: 'row' },
      h('a', { href: trends, title: `Trends of ${row.model} on ${row.task}` }, row.model),
      h('span', { class: 'task' }, row.task),
      row.regressions.length > 0 ? h('span', { class: 'badge regress' }, '▼ regressed') : null,
    ),
    h(
      'td',
      { class: 'verdict', 'data-label': 'Verdict' },
      row.verdict,
      row.regressions.length > 0 ? h('span', { class: 'reasons' }, `Regressed: ${row.regressions.join('; ')}`) : null,
    ),
    levelCell(ctx, night, row.raw),
    levelCell(ctx, night, row.agent),
    h('td', { class: 'fixable', 'data-label': 'Fixable' }, failing?.fixable ?? '—'),
    timingCell(formatRate(timed?.decode.median ?? null), timed, 'decode'),
    timingCell(formatSeconds(timed?.ttft.median ?? null), timed, 'ttft'),
    passCell(timed),
    h('td', { class: 'num', 'data-label': 'VRAM' }, formatGiB(row.context?.vramBytes ?? null)),
    h('td', { 'data-label': 'Claude Code' }, row.claudeCode ?? row.context?.claudeCode ?? '—'),
  );
}

function nightFacts(ctx: PageContext, night: NightView): HTMLElement {
  const drill = formatHash({
    route: { view: 'night', night: night.id, group: null, run: null },
    filters: ctx.state.filters,
  });
  const regressions = night.regressions.length;
  return h(
    'p',
    { class: 'night-facts' },
    `Started ${night.startedAt.replace('T', ' ').slice(0, 16)} UTC on ${night.hosts.join(', ')}. `,
    h('a', { href: drill }, 'Every run of this night'),
    ' · ',
    h('a', { href: night.reportMd }, 'report.md'),
    regressions > 0
      ? h('strong', { class: 'regress-note' }, ` · ▼ ${regressions} regression(s) against the night before`)
      : null,
  );
}

/** The leaderboard view; says so when no night matches the filters. */
export function renderLeaderboard(ctx: PageContext, route: LeaderboardRoute): HTMLElement {
  const { nights } = ctx.data;
  const night = leaderboardNight(nights, ctx.state.filters, route.night);
  if (!ctx.complete && night?.id !== nights[nights.length - 1]?.id) {
    ctx.awaitHistory();
    return h('section', {}, h('h2', {}, 'Leaderboard'), h('p', { class: 'empty' }, 'Loading the history…'));
  }
  if (night === null)
    return h('section', {}, h('h2', {}, 'Leaderboard'), h('p', { class: 'empty' }, 'No night matches the filters.'));
  const rows = sortRows(leaderboardRows(night, ctx.state.filters), route.sort, route.descending, route.timing);
  const table = h('table', { class: 'leaderboard' }, h('thead', {}, headerRow(ctx, route)));
  const body = h('tbody');
  for (const row of rows) body.append(bodyRow(ctx, night, row, route.timing));
  table.append(body);
  const controls = h(
    'div',
    { class: 'controls' },
    nightPicker(nights, night.id, (id) => ctx.go({ ...ctx.state, route: { ...route, night: id } })),
    selectField(
      'Timings and pass@k from',
      'timing',
      [
        { value: 'agent', text: 'agent runs' },
        { value: 'raw', text: 'raw runs' },
      ],
      route.timing,
      (value) => ctx.go({ ...ctx.state, route: { ...route, timing: value === 'raw' ? 'raw' : 'agent' } }),
    ),
  );
  return h(
    'section',
    { 'aria-labelledby': 'leaderboard-title' },
    h('h2', { id: 'leaderboard-title' }, `Leaderboard — ${night.id}`),
    controls,
    nightFacts(ctx, night),
    rows.length === 0
      ? h('p', { class: 'empty' }, 'No run of this night matches the filters.')
      : h('div', { class: 'table-wrap' }, table),
  );
}
