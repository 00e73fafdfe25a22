/** The page's state in the URL hash, so every view has a permalink: parse and format, pure. */
import type { Filters } from './filters.ts';

export type SortKey = 'model' | 'raw' | 'agent' | 'decode' | 'ttft' | 'passAtK' | 'vram';
export const sortKeys: readonly SortKey[] = ['model', 'raw', 'agent', 'decode', 'ttft', 'passAtK', 'vram'];
export type TimingMode = 'agent' | 'raw';

export type Route =
  | { view: 'leaderboard'; night: string | null; sort: SortKey; descending: boolean; timing: TimingMode }
  | { view: 'trends'; model: string | null; task: string | null }
  | { view: 'night'; night: string | null; group: string | null; run: string | null };

export interface PageState {
  route: Route;
  filters: Filters;
}

export const defaultRoute: Route = {
  view: 'leaderboard',
  night: null,
  sort: 'model',
  descending: false,
  timing: 'agent',
};

function leaderboardRoute(params: URLSearchParams): Route {
  const sort = params.get('sort');
  return {
    view: 'leaderboard',
    night: params.get('night'),
    sort: sortKeys.includes(sort as SortKey) ? (sort as SortKey) : 'model',
    descending: params.get('order') === 'desc',
    timing: params.get('timing') === 'raw' ? 'raw' : 'agent',
  };
}

/** Reads "#/trends?model=…&host=…" into a page state; anything unknown falls back to the leaderboard. */
export function parseHash(hash: string): PageState {
  const [pathPart = '', query = ''] = hash.replace(/^#/, '').split('?', 2);
  const params = new URLSearchParams(query);
  const filters: Filters = {
    host: params.get('host'),
    backend: params.get('backend'),
    claudeCode: params.get('cc'),
  };
  const view = pathPart.replace(/^\/+/, '');
  let route: Route;
  if (view === 'trends') route = { view: 'trends', model: params.get('model'), task: params.get('task') };
  else if (view === 'night')
    route = { view: 'night', night: params.get('night'), group: params.get('group'), run: params.get('run') };
  else route = leaderboardRoute(params);
  return { route, filters };
}

function routeParams(route: Route): Array<[string, string | null]> {
  switch (route.view) {
    case 'leaderboard':
      return [
        ['night', route.night],
        ['sort', route.sort === 'model' ? null : route.sort],
        ['order', route.descending ? 'desc' : null],
        ['timing', route.timing === 'agent' ? null : route.timing],
      ];
    case 'trends':
      return [
        ['model', route.model],
        ['task', route.task],
      ];
    case 'night':
      return [
        ['night', route.night],
        ['group', route.group],
        ['run', route.run],
      ];
  }
}

/** The hash of a page state; parseHash(formatHash(s)) gives s back. */
export function formatHash(state: PageState): string {
  const params = new URLSearchParams();
  const pairs: Array<[string, string | null]> = [
    ...routeParams(state.route),
    ['host', state.filters.host],
    ['backend', state.filters.backend],
    ['cc', state.filters.claudeCode],
  ];
  for (const [key, value] of pairs) if (value !== null) params.set(key, value);
  const query = params.toString();
  return `#/${state.route.view}${query === '' ? '' : `?${query}`}`;
}

/**
 * True when a `group` parameter names the group `key`; one without a release ("model|task|agent",
 * links from before releases were an axis) names the agent group of every release.
 */
export function groupSelected(param: string | null, key: string): boolean {
  return param !== null && (param === key || key.startsWith(`${param}|`));
}

/** The `group` parameter of a night link: "model|task|mode", and "|<release>" for an agent group. */
export function groupParam(group: { model: string; task: string; mode: string; claudeCode: string | null }): string {
  return `${group.model}|${group.task}|${group.mode}${group.claudeCode === null ? '' : `|${group.claudeCode}`}`;
}
