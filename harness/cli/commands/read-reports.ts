/** Reading the reports a command was given, saying on stderr what the reader had to correct. */
import type { BenchReport } from '../../report/types.ts';
import { readReportFile } from '../../report/validate.ts';

/** Each file read, validated and migrated; a stored summary that disagrees with its runs is named on stderr. */
export async function readReportsFor(
  files: readonly string[],
  stderr: { write(text: string): unknown } = process.stderr,
): Promise<BenchReport[]> {
  const reports: BenchReport[] = [];
  for (const file of files) {
    const { report, warnings } = await readReportFile(file);
    for (const warning of warnings) stderr.write(`warning: ${warning}\n`);
    reports.push(report);
  }
  return reports;
}
