/** Writing a report directory: report.json, report.md, runs.csv and charts/*.svg. */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { HarnessError } from '../core/errors.ts';
import { renderCharts } from './charts/render-charts.ts';
import { renderCsv } from './csv.ts';
import { renderMarkdown } from './markdown.ts';
import type { BenchReport } from './types.ts';
import { reportSchemaError } from './validate.ts';

export interface ReportFiles {
  json: string;
  md: string;
  csv: string;
  charts: string[];
}

// Write then rename, so an interrupted write never leaves a half report.json behind.
async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, text, 'utf8');
  await rename(temporary, file);
}

/**
 * Validates `report` against the shipped schema, then writes every report file into `dir`
 * (created when missing). A report that does not validate is a harness bug: INTERNAL.
 * Returns the absolute paths written.
 */
export async function writeReportFiles(dir: string, report: BenchReport): Promise<ReportFiles> {
  const schemaError = reportSchemaError(report);
  if (schemaError !== null) {
    throw new HarnessError(
      'INTERNAL',
      `The report about to be written does not match its schema: ${schemaError}. This is a harness bug.`,
    );
  }
  const root = path.resolve(dir);
  const charts = renderCharts(report);
  await mkdir(path.join(root, 'charts'), { recursive: true });
  const files: ReportFiles = {
    json: path.join(root, 'report.json'),
    md: path.join(root, 'report.md'),
    csv: path.join(root, 'runs.csv'),
    charts: charts.map((chart) => path.join(root, chart.file)),
  };
  await writeAtomically(files.json, `${JSON.stringify(report, null, 2)}\n`);
  await writeAtomically(files.md, renderMarkdown(report, charts));
  await writeAtomically(files.csv, renderCsv(report));
  for (const chart of charts) await writeAtomically(path.join(root, chart.file), chart.svg);
  return files;
}
