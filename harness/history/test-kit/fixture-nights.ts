/** The fixture history read the way the site builder reads it, for tests of the view logic. */
import { fileURLToPath } from 'node:url';
import { nightPaths } from '../build-site.ts';
import { expandReportPaths, orderNights } from '../collect-reports.ts';
import type { NightBundle } from '../from-report.ts';
import { readNights } from '../from-report.ts';

export const fixtureHistory = fileURLToPath(new URL('../../../fixtures/history/', import.meta.url));

/** Every night of `dir` (default: fixtures/history/), oldest first. */
export async function readHistoryBundles(dir = fixtureHistory): Promise<NightBundle[]> {
  const files = await orderNights(await expandReportPaths([dir]));
  const bundles: NightBundle[] = [];
  await readNights(
    files.map((f) => ({ ...f, paths: nightPaths(f.id) })),
    async (bundle) => {
      bundles.push(bundle);
    },
  );
  return bundles;
}
