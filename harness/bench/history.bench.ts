/**
 * `pnpm bench:history`: how fast the history page opens from disk with a year of nights × 20
 * models. Writes 365 synthetic nightly reports (as `pnpm bench` would), builds the site with
 * `buildHistorySite`, then opens index.html from file:// in Debian's headless Chromium several
 * times and prints the time from navigation start to the page's "history-ready" mark (the
 * leaderboard of the latest night drawn from the data inlined in index.html), to the whole history
 * loaded from history-data.js, the same for an empty page (the machine's floor), the time the
 * trends view of one model takes, and the target (< 1 s).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { median } from '../core/stats.ts';
import { buildHistorySite } from '../history/build-site.ts';
import { launchChromium } from '../history/test-kit/chromium.ts';
import { yearPlan } from '../history/test-kit/plans.ts';
import { syntheticHistory } from '../history/test-kit/synthetic-history.ts';
import { nightFileName } from '../history/test-kit/write-fixture-history.ts';

const loads = 7;
const targetMs = 1000;

async function timed<T>(what: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await work();
  process.stdout.write(`${what}: ${((performance.now() - start) / 1000).toFixed(1)} s\n`);
  return result;
}

async function writeYear(dir: string, models: number, nights: number): Promise<void> {
  for (const { report } of syntheticHistory(yearPlan(models, nights))) {
    await writeFile(path.join(dir, nightFileName(report.startedAt)), JSON.stringify(report));
  }
}

interface Load {
  /** Navigation start to the leaderboard drawn (the page's history-ready mark). */
  readyMs: number;
  /** Navigation start to the whole history loaded from history-data.js (history-complete). */
  completeMs: number;
}

/** One load of `url` from disk, timed by the page's own marks. */
async function loadOnce(page: Page, url: string): Promise<Load> {
  await page.goto('about:blank');
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
  await page.waitForFunction('document.body.dataset.complete === "true" || !document.getElementById("app")');
  const mark = (name: string) =>
    page.evaluate<number>(`performance.getEntriesByName(${JSON.stringify(name)})[0]?.startTime ?? NaN`);
  return { readyMs: await mark('history-ready'), completeMs: await mark('history-complete') };
}

/** The same measure for an empty page beside the site: what this machine and browser take for any page. */
async function floorOnce(page: Page, dir: string): Promise<number> {
  const file = path.join(dir, 'empty.html');
  await writeFile(
    file,
    '<!doctype html><body><script>performance.mark("history-ready");document.body.dataset.ready="true"</script>',
  );
  return (await loadOnce(page, pathToFileURL(file).href)).readyMs;
}

/** Milliseconds from a hash change to the trends view drawn (its last chart in the DOM). */
async function trendsOnce(page: Page): Promise<number> {
  // A string, so this Node-side file needs no DOM types.
  return page.evaluate<number>(`(async () => {
    const start = performance.now();
    location.hash = '#/trends';
    while (document.querySelector('section.chart[data-chart="pass"] canvas') === null) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    return performance.now() - start;
  })()`);
}

async function main(): Promise<void> {
  const models = Number(process.env.HISTORY_BENCH_MODELS ?? 20);
  const nights = Number(process.env.HISTORY_BENCH_NIGHTS ?? 365);
  const work = await mkdtemp(path.join(tmpdir(), 'history-bench-'));
  const reports = path.join(work, 'nights');
  const site = path.join(work, 'site');
  await mkdir(reports);
  const browser = await launchChromium();
  try {
    await timed(`wrote ${nights} nights × ${models} models (validated)`, () => writeYear(reports, models, nights));
    const built = await timed('built the site', () => buildHistorySite([reports], site));
    process.stdout.write(
      `index.html + history-data.js ${(built.pageBytes / 1024 ** 2).toFixed(1)} MiB, ${built.nights} nights, ${built.runs} runs\n`,
    );
    const page = await browser.context.newPage();
    const url = pathToFileURL(built.index).href;
    const runs: Load[] = [];
    const floors: number[] = [];
    for (let i = 0; i < loads; i += 1) {
      runs.push(await loadOnce(page, url));
      floors.push(await floorOnce(page, work));
    }
    const trends: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      await loadOnce(page, url);
      trends.push(await trendsOnce(page));
    }
    const ms = (values: number[]) => `${(median(values) ?? Number.NaN).toFixed(0)} ms`;
    const ready = median(runs.map((r) => r.readyMs)) ?? Number.NaN;
    process.stdout.write(
      `open from disk to leaderboard drawn: median ${ms(runs.map((r) => r.readyMs))}, max ${Math.max(...runs.map((r) => r.readyMs)).toFixed(0)} ms over ${loads} loads` +
        ` (target < ${targetMs} ms: ${ready < targetMs ? 'met' : 'MISSED'})\n` +
        `  an empty page from the same folder: median ${ms(floors)}; the whole history loaded: median ${ms(runs.map((r) => r.completeMs))}\n` +
        `trends view of one model: median ${ms(trends)}\n`,
    );
  } finally {
    await browser.close();
    await rm(work, { recursive: true, force: true });
  }
}

await main();
