/** The page header: title, scripted-data notice, view tabs, filters and the permalink of the view. */
import { filterOptions } from '../view/filters.ts';
import type { Route } from '../view/route.ts';
import { defaultRoute, formatHash } from '../view/route.ts';
import type { PageContext } from './context.ts';
import { h, selectField } from './dom.ts';

const tabs: ReadonlyArray<{ view: Route['view']; text: string; route: Route }> = [
  { view: 'leaderboard', text: 'Leaderboard', route: defaultRoute },
  { view: 'trends', text: 'Trends', route: { view: 'trends', model: null, task: null } },
  { view: 'night', text: 'Nights', route: { view: 'night', night: null, group: null, run: null } },
];

function filterBar(ctx: PageContext): HTMLElement {
  const options = filterOptions(ctx.data.nights);
  const { filters } = ctx.state;
  const field = (label: string, key: 'host' | 'backend' | 'claudeCode', values: string[]) =>
    selectField(
      label,
      `filter-${key}`,
      [{ value: '', text: 'all' }, ...values.map((v) => ({ value: v, text: v }))],
      filters[key] ?? '',
      (value) => ctx.go({ ...ctx.state, filters: { ...filters, [key]: value === '' ? null : value } }),
    );
  return h(
    'div',
    { class: 'filters', role: 'group', 'aria-label': 'Filters' },
    field('Host', 'host', options.hosts),
    field('Backend', 'backend', options.backends),
    field('Claude Code', 'claudeCode', options.claudeCodes),
    h('a', { class: 'permalink', href: formatHash(ctx.state), 'data-key': 'permalink' }, 'Permalink'),
  );
}

/** The header of every view. */
export function renderHeader(ctx: PageContext): HTMLElement {
  const scripted = ctx.data.nights.some((n) => n.scripted);
  const nav = h('nav', { 'aria-label': 'Views' });
  for (const tab of tabs) {
    const current = ctx.state.route.view === tab.view;
    const href = formatHash({ route: tab.route, filters: ctx.state.filters });
    nav.append(h('a', { href, 'aria-current': current ? 'page' : null, 'data-key': `tab-${tab.view}` }, tab.text));
  }
  return h(
    'header',
    { class: 'top' },
    h('h1', {}, 'Nightly bench history'),
    scripted
      ? h(
          'p',
          { class: 'scripted-banner', role: 'note' },
          'Scripted data — some nights come from the harness’s scripted backend or a made-up fixture, not from a real model.',
        )
      : null,
    nav,
    filterBar(ctx),
  );
}
