/**
 * Loads a night's runs from nights/<id>/runs.js with a <script> element: it works from disk
 * (file://), where fetch() of a local file is refused.
 */
import type { NightRuns, NightView } from '../view-model.ts';
import { nightRunsCallback } from '../view-model.ts';

/** A loader that caches each night's runs; `nights` give the script path of each id. */
export function nightRunsLoader(nights: readonly NightView[]): (nightId: string) => Promise<NightRuns> {
  const loaded = new Map<string, Promise<NightRuns>>();
  const waiting = new Map<string, (runs: NightRuns) => void>();
  Object.assign(window, {
    [nightRunsCallback]: (runs: NightRuns) => waiting.get(runs.nightId)?.(runs),
  });
  return (nightId) => {
    const cached = loaded.get(nightId);
    if (cached !== undefined) return cached;
    const night = nights.find((n) => n.id === nightId);
    const promise = new Promise<NightRuns>((resolve, reject) => {
      if (night === undefined) return reject(new Error(`no night ${nightId}`));
      waiting.set(nightId, resolve);
      const script = document.createElement('script');
      script.src = night.runsScript;
      script.onerror = () => reject(new Error(`cannot load ${night.runsScript}`));
      document.head.append(script);
    });
    loaded.set(nightId, promise);
    promise.catch(() => loaded.delete(nightId));
    return promise;
  };
}
