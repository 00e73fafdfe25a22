/** The history page: reads the inlined data, renders the view the URL hash names, re-renders on hash change. */
import type { PackedHistory } from '../view/packed.ts';
import { unpackHistory } from '../view/packed.ts';
import { formatHash, parseHash } from '../view/route.ts';
import type { PageContext } from './context.ts';
import { renderHeader } from './header.ts';
import { renderLeaderboard } from './leaderboard-view.ts';
import { nightRunsLoader } from './night-runs-loader.ts';
import { renderNight } from './night-view.ts';
import { renderTrends } from './trends-view.ts';

function start(): void {
  // Set by history-data.js, which index.html loads first.
  const packed = Reflect.get(window, 'benchHistoryPacked') as PackedHistory | undefined;
  const app = document.getElementById('app');
  if (packed === undefined || app === null) throw new Error('history page: history-data.js or #app is missing');
  const data = unpackHistory(packed);
  performance.mark('history-data-unpacked');
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
