/**
 * The history page: draws the view the URL hash names from the inlined head of the history, loads
 * the rest from history-data.js, and renders again on a hash change (or when a view waited for it).
 */
import type { PackedHistory } from '../view/packed.ts';
import { unpackHistory } from '../view/packed.ts';
import { formatHash, parseHash } from '../view/route.ts';
import type { PageContext } from './context.ts';
import { renderHeader } from './header.ts';
import { renderLeaderboard } from './leaderboard-view.ts';
import { nightRunsLoader } from './night-runs-loader.ts';
import { renderNight } from './night-view.ts';
import { renderTrends } from './trends-view.ts';

function readHead(): PackedHistory {
  const element = document.getElementById('history-head');
  if (element === null) throw new Error('history page: the inline #history-head data is missing');
  return JSON.parse(element.textContent ?? '') as PackedHistory;
}

/** Loads history-data.js beside the page; resolves with what it sets. */
function loadFullHistory(): Promise<PackedHistory> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = 'history-data.js';
    script.onload = () => {
      const packed = Reflect.get(window, 'benchHistoryPacked') as PackedHistory | undefined;
      if (packed === undefined) reject(new Error('history-data.js set no data'));
      else resolve(packed);
    };
    script.onerror = () => reject(new Error('cannot load history-data.js beside index.html'));
    document.head.append(script);
  });
}

function start(): void {
  const app = document.getElementById('app');
  if (app === null) throw new Error('history page: #app is missing');
  let data = unpackHistory(readHead());
  let complete = false;
  let waiting = false;
  performance.mark('history-data-unpacked');
  const nightRuns = nightRunsLoader(data.nights);
  let cleanups: Array<() => void> = [];

  const render = (): void => {
    const focusedKey = (document.activeElement as HTMLElement | null)?.dataset?.key;
    for (const cleanup of cleanups) cleanup();
    cleanups = [];
    waiting = false;
    const state = parseHash(window.location.hash);
    const ctx: PageContext = {
      data,
      complete,
      awaitHistory: () => {
        waiting = true;
      },
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
  loadFullHistory().then(
    (packed) => {
      data = unpackHistory(packed);
      complete = true;
      if (waiting) render();
      performance.mark('history-complete');
      document.body.dataset.complete = 'true';
    },
    (error: unknown) => {
      app.append(`The rest of the history could not be loaded: ${String(error)}`);
      throw error;
    },
  );
}

start();
