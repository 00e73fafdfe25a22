/**
 * `pnpm bench:history`: how fast the history page opens from disk with a year of nights × 20
 * models. Writes 365 synthetic nightly reports (as `pnpm bench` would), builds the site with
 * `buildHistorySite`, then opens index.html from file:// in Debian's headless Chromium several
 * times and prints the time from navigation start to the page's "history-ready" mark (data parsed,
 * leaderboard drawn), the time the trends view of one model takes, and the target (< 1 s).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { buildHistorySite } from '../history/build-site.ts';
import { launchChromium } from '../history/test-kit/chromium.ts';
import { yearPlan } from '../history/test-kit/plans.ts';
import { syntheticHistory } from '../history/test-kit/synthetic-history.ts';
import { nightFileName } from '../history/test-kit/write-fixture-history.ts';
import { median } from '../report/stats.ts';

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

/** Milliseconds from navigation start to the page's history-ready mark. */
async function loadOnce(page: Page, url: string): Promise<number> {
  await page.goto('about:blank');
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  return page.evaluate(() => performance.getEntriesByName('history-ready')[0]?.startTime ?? Number.NaN);
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
    const times: number[] = [];
    for (let i = 0; i < loads; i += 1) times.push(await loadOnce(page, url));
    const trends: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      await loadOnce(page, url);
      trends.push(await trendsOnce(page));
    }
    const ready = median(times) ?? Number.NaN;
    process.stdout.write(
      `open from disk to leaderboard drawn: median ${ready.toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms over ${loads} loads` +
        ` (target < ${targetMs} ms: ${ready < targetMs ? 'met' : 'MISSED'})\n` +
        `trends view of one model: median ${(median(trends) ?? Number.NaN).toFixed(0)} ms\n`,
    );
  } finally {
    await browser.close();
    await rm(work, { recursive: true, force: true });
  }
}

await main();
