/** Which report files a `pnpm bench history` call names, in night order, with the id of each night. */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { HarnessError } from '../core/errors.ts';
import { reportStartedAt } from './from-report.ts';

/** A report file inside a folder: report.json (a bench's --out) or <name>.report.json (the history branch). */
export function isReportFileName(name: string): boolean {
  return name === 'report.json' || name.endsWith('.report.json');
}

async function reportsUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && isReportFileName(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** Files as given, and every report file under each folder given. */
export async function expandReportPaths(inputs: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    let isDir: boolean;
    try {
      isDir = (await stat(input)).isDirectory();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new HarnessError(
        'USAGE',
        `Cannot read ${input} (${code}); pass report.json files or folders holding them.`,
      );
    }
    if (!isDir) files.push(input);
    else {
      const found = await reportsUnder(input);
      if (found.length === 0)
        throw new HarnessError('USAGE', `${input} holds no report.json or *.report.json file; is it a results folder?`);
      files.push(...found);
    }
  }
  return [...new Set(files.map((f) => path.resolve(f)))];
}

/** A report file with the night it is: its start time and a unique id for links. */
export interface NightFile {
  file: string;
  startedAt: string;
  id: string;
}

/**
 * Orders files by their report's start time and names each night by its UTC date; a second
 * night on the same date gets "-2", a third "-3". Throws when a file has no start time.
 */
export async function orderNights(files: readonly string[]): Promise<NightFile[]> {
  const dated: Array<{ file: string; startedAt: string }> = [];
  for (const file of files) {
    const startedAt = await reportStartedAt(file);
    if (startedAt === null || Number.isNaN(Date.parse(startedAt)))
      throw new HarnessError(
        'REPORT_INVALID',
        `${file} is not a bench report (no readable startedAt); pass a report.json written by pnpm bench.`,
      );
    dated.push({ file, startedAt });
  }
  dated.sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt) || a.file.localeCompare(b.file));
  const perDate = new Map<string, number>();
  return dated.map(({ file, startedAt }) => {
    const date = new Date(startedAt).toISOString().slice(0, 10);
    const count = (perDate.get(date) ?? 0) + 1;
    perDate.set(date, count);
    return { file, startedAt, id: count === 1 ? date : `${date}-${count}` };
  });
}
