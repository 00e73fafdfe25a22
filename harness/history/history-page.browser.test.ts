/**
 * The history site as a person sees it, in Debian's headless Chromium: built by `pnpm bench
 * history` from the 32-night fixture history, opened from disk. Screenshots go to
 * test-output/history/.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execa } from 'execa';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BenchReport } from '../report/types.ts';
import type { Browser } from './test-kit/chromium.ts';
import { launchChromium } from './test-kit/chromium.ts';
import { plantedDrop } from './test-kit/plans.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = path.join(root, 'fixtures/history');
const output = path.join(root, 'test-output/history');
const site = path.join(output, 'site');
const indexUrl = pathToFileURL(path.join(site, 'index.html')).href;

let browser: Browser;
let page: Page;
let errors: string[] = [];
let nightFiles: string[];

const readNight = async (name: string): Promise<BenchReport> =>
  JSON.parse(await readFile(path.join(fixtures, name), 'utf8')) as BenchReport;
const nightId = (report: BenchReport): string => report.startedAt.slice(0, 10);
const gib = (bytes: unknown): string => `${(Number(bytes) / 1024 ** 3).toFixed(1)} GiB`;

beforeAll(async () => {
  await rm(output, { recursive: true, force: true });
  await mkdir(output, { recursive: true });
  const built = await execa(
    path.join(root, 'node_modules/.bin/tsx'),
    [path.join(root, 'harness/cli/main.ts'), 'history', fixtures, '--out', site],
    { cwd: root, reject: false },
  );
  expect(built.stderr).toBe('');
  expect(built.stdout).toMatch(/^History of 32 night\(s\), 1536 runs → /);
  nightFiles = (await readdir(fixtures)).filter((f) => f.endsWith('.report.json')).sort();
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
});

afterAll(async () => {
  await browser?.close();
});

afterEach(() => {
  expect(errors).toEqual([]);
  errors = [];
});

async function open(hash: string, viewport = { width: 1280, height: 800 }): Promise<void> {
  await page.setViewportSize(viewport);
  // A fresh load each time: going to the same file with another hash would only change the hash.
  await page.goto('about:blank');
  await page.goto(`${indexUrl}${hash}`);
  await page.waitForSelector('body[data-complete="true"]', { state: 'attached' });
}

const shot = (name: string): Promise<Buffer> =>
  page.screenshot({ path: path.join(output, `${name}.png`), fullPage: true });

const row = (model: string, task: string) => page.locator(`tr[data-model="${model}"][data-task="${task}"]`);

describe('the leaderboard', () => {
  it("shows the latest night's values from its report", async () => {
    const latest = await readNight(nightFiles.at(-1) as string);
    await open('');
    await expect(page.locator('h2').textContent()).resolves.toBe(`Leaderboard — ${nightId(latest)}`);
    const agentGroups = latest.summary.filter((s) => s.mode === 'agent');
    expect(agentGroups).toHaveLength(8);
    for (const group of agentGroups) {
      const cells = await row(group.model, group.task).locator('td').allTextContents();
      const [, rawLevel, agentLevel, , decode, ttft, passAtK, vram, claudeCode] = cells;
      const raw = latest.summary.find((s) => s.model === group.model && s.task === group.task && s.mode === 'raw');
      expect(rawLevel).toMatch(new RegExp(`^${raw?.modalLevel} `));
      expect(agentLevel).toMatch(new RegExp(`^${group.modalLevel} `));
      expect(decode).toBe(group.metrics.decodeTokensPerSec.median?.toFixed(1));
      expect(ttft).toBe(`${((group.metrics.ttftMs.median ?? 0) / 1000).toFixed(2)}s`);
      expect(passAtK).toMatch(group.passAtK === 1 ? /^yes/ : /^no/);
      expect(vram).toBe(gib(latest.environment.models[group.model]?.memory?.vramBytes));
      expect(claudeCode).toBe(latest.environment.claudeCode[0]?.version);
    }
    await expect(row('glm-4.7-flash', 'fastapi-smoke').locator('td.verdict').textContent()).resolves.toMatch(
      /works raw .*fails as agent at level 3/,
    );
    await expect(row('glm-4.7-flash', 'lru-cache').locator('td.fixable').textContent()).resolves.toBe(
      'level 3 → 6 with rescue (write_file → Write)',
    );
    await shot('leaderboard-1280');
  });

  it('sorts by decode speed from the keyboard, fastest first', async () => {
    await open('');
    await page.focus('[data-key="sort-decode"]');
    await page.keyboard.press('Enter');
    await page.waitForFunction("location.hash.includes('sort=decode')");
    await expect(page.locator('th[aria-sort="descending"]').textContent()).resolves.toMatch(/^Decode tok\/s/);
    const speeds = (await page.locator('tbody tr td[data-label="Decode tok/s"]').allTextContents()).map(Number);
    expect(speeds).toHaveLength(8);
    expect(speeds.every(Number.isFinite)).toBe(true);
    expect(speeds).toEqual([...speeds].sort((a, b) => b - a));
    expect(await page.evaluate<string>('document.activeElement.dataset.key')).toBe('sort-decode');
  });

  it('marks the planted level drop night on the leaderboard with the reason', async () => {
    const planted = await readNight(nightFiles.find((f) => f.startsWith(plantedNightDate())) as string);
    await open(`#/leaderboard?night=${nightId(planted)}`);
    const dropped = row(plantedDrop.model, plantedDrop.task);
    await expect(dropped.getAttribute('class')).resolves.toBe('regressed');
    await expect(dropped.locator('td.level').nth(1).textContent()).resolves.toBe('3 tool name mismatch');
    await expect(dropped.locator('.reasons').textContent()).resolves.toContain(
      'agent: level 6 (success) → 3 (tool name mismatch)',
    );
    expect(await page.locator('tr.regressed').count()).toBe(1);
    await expect(page.locator('select[data-key="night"] option:checked').textContent()).resolves.toBe(
      `${nightId(planted)} ▼ 1 regression`,
    );
    await shot('leaderboard-regression-1280');
  });

  it('filters by Claude Code version and keeps the view in a permalink', async () => {
    await open('');
    await page.selectOption('select[data-key="filter-claudeCode"]', '2.1.300');
    await page.waitForFunction("location.hash.includes('cc=2.1.300')");
    const beforeChange = await readNight(nightFiles[18] as string);
    expect(beforeChange.environment.claudeCode[0]?.version).toBe('2.1.300');
    await expect(page.locator('h2').textContent()).resolves.toBe(`Leaderboard — ${nightId(beforeChange)}`);
    const permalink = await page.locator('a.permalink').getAttribute('href');
    await open(permalink ?? '');
    await expect(page.locator('h2').textContent()).resolves.toBe(`Leaderboard — ${nightId(beforeChange)}`);
    await expect(page.locator('select[data-key="filter-claudeCode"]').inputValue()).resolves.toBe('2.1.300');
  });
});

function plantedNightDate(): string {
  const first = Date.parse('2026-03-01T02:17:00.000Z');
  return new Date(first + plantedDrop.night * 86_400_000).toISOString().slice(0, 10);
}

describe('the trends of a model', () => {
  const trendsHash = `#/trends?model=${encodeURIComponent(plantedDrop.model)}&task=${plantedDrop.task}`;

  it('shows the planted drop as one level-3 cell on the agent strip, marked as a regression', async () => {
    await open(trendsHash);
    const cells = page.locator('.strip[aria-label^="Agent level"] .cell');
    expect(await cells.count()).toBe(32);
    const planted = cells.and(page.locator(`[data-night="${plantedNightDate()}"]`));
    await expect(planted.getAttribute('class')).resolves.toBe('cell lvl-3 regressed');
    await expect(planted.textContent()).resolves.toBe('3');
    expect(await page.locator('.strip[aria-label^="Agent level"] .cell.lvl-6').count()).toBe(31);
    const changes = await page.locator('ul.changes li').allTextContents();
    expect(changes).toEqual([
      expect.stringMatching(/backend ollama 0\.12\.3 → ollama 0\.12\.6$/),
      expect.stringMatching(/host mac-studio-a → mac-studio-b$/),
      expect.stringMatching(/Claude Code 2\.1\.300 → 2\.1\.328$/),
      expect.stringMatching(new RegExp(`^${plantedNightDate()}: ▼ agent: level 6 \\(success\\) → 3`)),
    ]);
    await shot('trends-1280');
  });

  it("shows a trend point's tooltip on hover: the night's median and spread", async () => {
    const latest = await readNight(nightFiles.at(-1) as string);
    await open(trendsHash);
    const over = page.locator('section.chart[data-chart="decode"] .u-over');
    const box = await over.boundingBox();
    if (box === null) throw new Error('the decode chart has no plot area');
    await over.scrollIntoViewIfNeeded();
    const shown = (await over.boundingBox()) ?? box;
    await page.mouse.move(shown.x + shown.width - 2, shown.y + shown.height / 2, { steps: 4 });
    const tooltip = page.locator('.tooltip[data-chart="decode"]');
    await tooltip.waitFor({ state: 'visible', timeout: 5000 });
    const agent = latest.summary.find(
      (s) => s.model === plantedDrop.model && s.task === plantedDrop.task && s.mode === 'agent',
    );
    const text = await tooltip.textContent();
    expect(text).toContain(nightId(latest));
    expect(text).toContain(`agent: ${agent?.metrics.decodeTokensPerSec.median?.toFixed(1)} tok/s median`);
    expect(text).toContain('n 3');
  });

  it('walks the nights with the arrow keys, the tooltip following, and opens a night with Enter', async () => {
    await open(trendsHash);
    const strip = page.locator('.strip[aria-label^="Agent level"] .cell');
    const nights = await strip.evaluateAll((cells) => cells.map((c) => c.getAttribute('data-night')));
    await page.focus('.strip[aria-label^="Agent level"] .cell[tabindex="0"]');
    const steps = nights.length - 1 - nights.indexOf(plantedNightDate());
    for (let step = 0; step < steps; step += 1) await page.keyboard.press('ArrowLeft');
    const focused = await page.evaluate<string>('document.activeElement.dataset.night');
    expect(focused).toBe(plantedNightDate());
    await expect(page.locator('.tooltip[data-chart="decode"]').textContent()).resolves.toContain(
      `▼ regression: agent: level 6 (success) → 3`,
    );
    await page.keyboard.press('Enter');
    await page.waitForSelector('details[open]');
    const planted = await readNight(nightFiles.find((f) => f.startsWith(plantedNightDate())) as string);
    const release = planted.runs.find((r) => r.model === plantedDrop.model && r.mode === 'agent')?.claudeCode;
    // The agent group of the release plotted.
    expect(decodeURIComponent(await page.evaluate<string>('location.hash'))).toBe(
      `#/night?night=${plantedNightDate()}&group=${plantedDrop.model}|${plantedDrop.task}|agent|${release}`,
    );
  });
});

describe("a night's drill-down", () => {
  // A link without the release (as written before releases were an axis) still opens the agent runs.
  it('opens the runs of the planted drop with their deciding evidence and protocol errors', async () => {
    const planted = await readNight(nightFiles.find((f) => f.startsWith(plantedNightDate())) as string);
    const runs = planted.runs.filter(
      (r) => r.model === plantedDrop.model && r.task === plantedDrop.task && r.mode === 'agent',
    );
    await open(
      `#/night?night=${plantedNightDate()}&group=${encodeURIComponent(`${plantedDrop.model}|${plantedDrop.task}|agent`)}`,
    );
    await page.waitForSelector('details[open]');
    const opened = page.locator('details[open]');
    expect(await opened.count()).toBe(3);
    expect(await opened.evaluateAll((els) => els.map((e) => e.getAttribute('data-run-id')))).toEqual(
      runs.map((r) => r.id),
    );
    const first = opened.first();
    await expect(first.locator('li.deciding blockquote').textContent()).resolves.toBe(runs[0]?.evidence[0]?.quote);
    await expect(first.locator('.protocol-errors').textContent()).resolves.toBe(
      'tool name mismatch: write_file, not repaired',
    );
    await expect(page.evaluate<string>("document.activeElement.closest('details').dataset.runId")).resolves.toBe(
      runs[0]?.id,
    );
    const reportMd = await page.locator('a', { hasText: `report.md of ${plantedNightDate()}` }).getAttribute('href');
    expect(existsSync(path.join(site, reportMd ?? 'none'))).toBe(true);
    await shot('night-1280');
  });

  it('opens one run from its permalink', async () => {
    const id = 'glm-4.7-flash__fastapi-smoke__agent__a2';
    await open(`#/night?night=2026-03-28&run=${id}`);
    await page.waitForSelector('details[open]');
    expect(await page.locator('details[open]').count()).toBe(1);
    await expect(page.locator('details[open] summary').textContent()).resolves.toMatch(/^#2 · timeout/);
    await expect(page.locator('details[open] .run-error').textContent()).resolves.toMatch(
      /^time limit: no result within 600 s/,
    );
  });
});

describe('at phone width (390×844)', () => {
  it.each([
    ['leaderboard', ''],
    ['trends', `#/trends?model=${encodeURIComponent(plantedDrop.model)}&task=${plantedDrop.task}`],
  ])('lays out the %s without sideways scrolling of the page', async (name, hash) => {
    await open(hash, { width: 390, height: 844 });
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await shot(`${name}-390`);
  });
});
