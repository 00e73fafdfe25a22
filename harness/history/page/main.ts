/** The history page: reads the inlined data, renders the view the URL hash names, re-renders on hash change. */
import { formatHash, parseHash } from '../view/route.ts';
import type { HistoryData } from '../view-model.ts';
import type { PageContext } from './context.ts';
import { renderHeader } from './header.ts';
import { renderLeaderboard } from './leaderboard-view.ts';
import { nightRunsLoader } from './night-runs-loader.ts';
import { renderNight } from './night-view.ts';
import { renderTrends } from './trends-view.ts';

function start(): void {
  const dataElement = document.getElementById('history-data');
  const app = document.getElementById('app');
  if (dataElement === null || app === null) throw new Error('history page: missing #history-data or #app');
  const data = JSON.parse(dataElement.textContent ?? '') as HistoryData;
  const nightRuns = nightRunsLoader(data.nights);
  let cleanups: Array<() => void> = [];

  const render = (): void => {
    const focusedKey = (document.activeElement as HTMLElement | null)?.dataset?.key;
    for (const cleanup of cleanups) cleanup();
    cleanups = [];
    const state = parseHash(window.location.hash);
    const ctx: PageContext = {
      data,
      state,
      go: (next) => {
        window.location.hash = formatHash(next);
      },
      nightRuns,
      onCleanup: (cleanup) => cleanups.push(cleanup),
    };
    const main = document.createElement('main');
    app.replaceChildren(renderHeader(ctx), main);
    const { route } = state;
    const width = Math.max(240, main.clientWidth);
    if (route.view === 'trends') main.append(renderTrends(ctx, route, width));
    else if (route.view === 'night') main.append(renderNight(ctx, route));
    else main.append(renderLeaderboard(ctx, route));
    if (focusedKey !== undefined) app.querySelector<HTMLElement>(`[data-key="${CSS.escape(focusedKey)}"]`)?.focus();
  };

  window.addEventListener('hashchange', render);
  render();
  performance.mark('history-ready');
  document.body.dataset.ready = 'true';
}

start();
