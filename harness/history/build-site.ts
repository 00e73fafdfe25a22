/**
 * `pnpm bench history`: a static site from any number of reports. index.html (script and styles
 * inlined), history-data.js (the page's data, packed), history.json (everything, for other tools)
 * and, per night, its report.md and a script with its runs that the drill-down loads.
 */
import type { FileHandle } from 'node:fs/promises';
import { mkdir, open, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bundlePage } from './bundle-page.ts';
import { expandReportPaths, orderNights } from './collect-reports.ts';
import type { NightBundle } from './from-report.ts';
import { readNights } from './from-report.ts';
import { renderDataScript, renderIndexHtml, scriptSafeJson } from './render-index.ts';
import { historyHead, packHistory } from './view/packed.ts';
import type { HistoryData, NightRuns, NightView } from './view-model.ts';
import { nightRunsCallback } from './view-model.ts';

export interface SiteSummary {
  index: string;
  dataFile: string;
  nights: number;
  runs: number;
  /** index.html and history-data.js: what the browser reads before the page is drawn. */
  pageBytes: number;
}

/** Site-relative paths of a night's files. */
export function nightPaths(id: string): { reportMd: string; runsScript: string } {
  return { reportMd: `nights/${id}/report.md`, runsScript: `nights/${id}/runs.js` };
}

async function writeNightFiles(outDir: string, bundle: NightBundle): Promise<void> {
  const { night } = bundle;
  await mkdir(path.join(outDir, 'nights', night.id), { recursive: true });
  await writeFile(path.join(outDir, night.reportMd), bundle.reportMarkdown);
  const runs: NightRuns = { nightId: night.id, runs: bundle.runs };
  await writeFile(path.join(outDir, night.runsScript), `${nightRunsCallback}(${scriptSafeJson(runs)});\n`);
}

/** Builds the site into `outDir` (its nights/ folder is replaced) from report files and folders. */
export async function buildHistorySite(
  inputs: readonly string[],
  outDir: string,
  now = new Date(),
): Promise<SiteSummary> {
  const files = await orderNights(await expandReportPaths(inputs));
  const assets = await bundlePage();
  await rm(path.join(outDir, 'nights'), { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const data: HistoryData = { format: 'bench-history', version: 1, generatedAt: now.toISOString(), nights: [] };
  const dataFile = path.join(outDir, 'history.json');
  const json: FileHandle = await open(dataFile, 'w');
  let runs = 0;
  try {
    const { nights: _, ...header } = data;
    await json.write(`${JSON.stringify(header).slice(0, -1)},"nights":[`);
    const withPaths = files.map((f) => ({ ...f, paths: nightPaths(f.id) }));
    await readNights(withPaths, async (bundle) => {
      await writeNightFiles(outDir, bundle);
      await json.write(
        `${data.nights.length === 0 ? '' : ','}${JSON.stringify({ ...bundle.night, runs: bundle.runs })}`,
      );
      data.nights.push(bundle.night satisfies NightView);
      runs += bundle.runs.length;
    });
    await json.write(']}\n');
  } finally {
    await json.close();
  }
  const html = renderIndexHtml(data, packHistory(historyHead(data)), assets);
  const index = path.join(outDir, 'index.html');
  await writeFile(index, html);
  const dataScript = renderDataScript(packHistory(data));
  await writeFile(path.join(outDir, 'history-data.js'), dataScript);
  return {
    index,
    dataFile,
    nights: data.nights.length,
    runs,
    pageBytes: Buffer.byteLength(html) + Buffer.byteLength(dataScript),
  };
}
