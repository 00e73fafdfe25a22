/**
 * The names one installed release supports: its own code scanned once and the result cached under
 * the release cache (keyed by the file, its size and time and the names looked for), else the
 * measured table, else everything assumed.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, realpath, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { HarnessError } from '../../../core/errors.ts';
import { scannedNames } from './control-table.ts';
import { measuredRange, measuredSupport } from './measured-support.ts';
import type { ReleaseControls, ReleaseSupport } from './plan-controls.ts';
import { missingRequiredNames, planControls } from './plan-controls.ts';
import { scanReleaseNames } from './scan-release.ts';

// Every release's code names the API endpoint variable; a file without it (a wrapper script, a
// launcher) is not the release's code and says nothing about what the release supports.
const releaseMarker = 'ANTHROPIC_BASE_URL';

interface ScanRecord {
  file: string;
  size: number;
  mtimeMs: number;
  names: string[];
}

/** What `version`, run as `bin`, supports; scans are cached in `<cacheRoot>/scans/`. */
export async function releaseSupport(input: {
  version: string;
  bin: string;
  cacheRoot: string;
}): Promise<ReleaseSupport> {
  const found = await cachedScan(input.bin, input.cacheRoot);
  if (found.has(releaseMarker)) return { source: 'scan', names: found };
  const measured = measuredSupport(input.version);
  if (measured !== null) return { source: 'table', names: measured };
  return { source: 'assumed', names: new Set(scannedNames()) };
}

/**
 * How runs of `version` are bounded. Throws CLAUDE_MISSING when the release lacks something agent
 * mode cannot do without (print mode, stream-json, the settings file that contains a run).
 */
export async function controlsForRelease(input: {
  version: string;
  bin: string;
  cacheRoot: string;
}): Promise<ReleaseControls> {
  const support = await releaseSupport(input);
  const missing = missingRequiredNames(support);
  if (missing.length > 0) {
    throw new HarnessError(
      'CLAUDE_MISSING',
      `Claude Code ${input.version} (${input.bin}) lacks ${missing.join(', ')}, which agent mode needs; use ${measuredRange.oldest} or later.`,
    );
  }
  return planControls(support);
}

async function cachedScan(bin: string, cacheRoot: string): Promise<Set<string>> {
  const file = await realpath(bin);
  const { size, mtimeMs } = await stat(file);
  const names = scannedNames();
  const key = createHash('sha256')
    .update(JSON.stringify([file, size, mtimeMs, names]))
    .digest('hex')
    .slice(0, 24);
  const cacheFile = path.join(cacheRoot, 'scans', `${key}.json`);
  const cached = await readScanRecord(cacheFile);
  if (cached !== null && cached.file === file && cached.size === size && cached.mtimeMs === mtimeMs) {
    return new Set(cached.names);
  }
  const found = await scanReleaseNames(file, names);
  const record: ScanRecord = { file, size, mtimeMs, names: [...found].sort() };
  await mkdir(path.dirname(cacheFile), { recursive: true });
  const partial = `${cacheFile}.${process.pid}.tmp`;
  await writeFile(partial, `${JSON.stringify(record, null, 2)}\n`);
  await rename(partial, cacheFile);
  return found;
}

async function readScanRecord(file: string): Promise<ScanRecord | null> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<ScanRecord>;
    if (typeof parsed.file !== 'string' || !Array.isArray(parsed.names)) return null;
    return {
      file: parsed.file,
      size: Number(parsed.size),
      mtimeMs: Number(parsed.mtimeMs),
      names: parsed.names.filter((n) => typeof n === 'string'),
    };
  } catch {
    return null;
  }
}
