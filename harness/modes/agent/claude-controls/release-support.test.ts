import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requiredNames, scannedNames } from './control-table.ts';
import { measuredSupport } from './measured-support.ts';
import { controlsForRelease, releaseSupport } from './release-support.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'release-support-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A file written like a release's code, naming `names` the way minified code does. */
async function releaseCode(name: string, names: readonly string[]): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, names.map((n) => `x("${n}");`).join('\n'));
  return file;
}

describe('releaseSupport', () => {
  it('scans a release once and then reads the cached scan until the file changes', async () => {
    const cacheRoot = path.join(dir, 'cache-a');
    const bin = await releaseCode('cli-a.js', [...requiredNames, 'CLAUDE_CODE_MAX_RETRIES']);
    const first = await releaseSupport({ version: '2.1.85', bin, cacheRoot });
    expect(first.source).toBe('scan');
    expect(first.names).toContain('CLAUDE_CODE_MAX_RETRIES');

    const [record] = await readdir(path.join(cacheRoot, 'scans'));
    const recordFile = path.join(cacheRoot, 'scans', record as string);
    const saved = JSON.parse(await readFile(recordFile, 'utf8'));
    await writeFile(recordFile, JSON.stringify({ ...saved, names: [...saved.names, 'DISABLE_TELEMETRY'] }));
    expect((await releaseSupport({ version: '2.1.85', bin, cacheRoot })).names).toContain('DISABLE_TELEMETRY');

    const later = new Date(Date.now() + 60_000);
    await utimes(bin, later, later);
    expect((await releaseSupport({ version: '2.1.85', bin, cacheRoot })).names).not.toContain('DISABLE_TELEMETRY');
  });

  it('takes the measured table for a launcher script whose code is elsewhere', async () => {
    const bin = await releaseCode('launcher.sh', []);
    const support = await releaseSupport({ version: '2.1.85', bin, cacheRoot: path.join(dir, 'cache-b') });
    expect(support).toEqual({ source: 'table', names: measuredSupport('2.1.85') });
  });

  it('assumes everything for an unreadable release outside the measured range', async () => {
    const bin = await releaseCode('launcher-new.sh', []);
    const support = await releaseSupport({ version: '9.0.0', bin, cacheRoot: path.join(dir, 'cache-c') });
    expect(support).toEqual({ source: 'assumed', names: new Set(scannedNames()) });
  });
});

describe('controlsForRelease', () => {
  it('refuses a release without the flags agent mode needs, in one line', async () => {
    const bin = await releaseCode(
      'old.js',
      requiredNames.filter((n) => n !== '--settings'),
    );
    await expect(
      controlsForRelease({ version: '0.2.9', bin, cacheRoot: path.join(dir, 'cache-d') }),
    ).rejects.toMatchObject({
      code: 'CLAUDE_MISSING',
      message: `Claude Code 0.2.9 (${bin}) lacks --settings, which agent mode needs; use 2.0.0 or later.`,
    });
  });
});
