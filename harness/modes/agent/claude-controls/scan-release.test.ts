import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pinnedClaudeBin } from '../resolve-claude.ts';
import { scannedNames } from './control-table.ts';
import { measuredSupport } from './measured-support.ts';
import { scanReleaseNames } from './scan-release.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'scan-release-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fileWith(name: string, content: string | Buffer): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, content);
  return file;
}

describe('scanReleaseNames', () => {
  it.each([
    ['process.env.API_TIMEOUT_MS||"600000"', ['API_TIMEOUT_MS']],
    ['let e=s.CLAUDE_CODE_MAX_CONTEXT_TOKENS;', ['CLAUDE_CODE_MAX_CONTEXT_TOKENS']],
    ['{CLAUDE_CODE_MAX_RETRIES:()=>Fl,', ['CLAUDE_CODE_MAX_RETRIES']],
    ['["DISABLE_AUTO_COMPACT","DISABLE_COMPACT"]', ['DISABLE_AUTO_COMPACT']],
    ['.option("--max-turns <turns>","Maximum number of agentic turns")', ['--max-turns']],
    // An embedded changelog mentions names in backticks; that is no support.
    ['- Added `CLAUDE_BYTE_STREAM_IDLE_TIMEOUT_MS` to bound a stalled stream', []],
    // A longer name that starts with a scanned one is another name.
    ['process.env.CLAUDE_STREAM_IDLE_TIMEOUT_MS_EXTRA', []],
    ['"--settings-file"', []],
  ])('%s → %j', async (code, names) => {
    const file = await fileWith('snippet.js', code);
    expect([...(await scanReleaseNames(file, scannedNames()))]).toEqual(names);
  });

  it('finds a name that straddles two read chunks', async () => {
    const name = 'CLAUDE_CODE_MAX_OUTPUT_TOKENS';
    const at = 8 * 1024 * 1024 - 10;
    const file = await fileWith(
      'large.js',
      Buffer.concat([Buffer.alloc(at, 0x20), Buffer.from(`process.env.${name}||"0"`), Buffer.alloc(1024, 0x20)]),
    );
    expect([...(await scanReleaseNames(file, scannedNames()))]).toEqual([name]);
  });

  it('does not take a name cut at a chunk end for a shorter one', async () => {
    // "CLAUDE_STREAM_IDLE_TIMEOUT_MS" would match the first 29 characters of the longer name if
    // the chunk ended right after them.
    const longer = 'CLAUDE_STREAM_IDLE_TIMEOUT_MS_V2';
    const at = 8 * 1024 * 1024 - 1 - 'CLAUDE_STREAM_IDLE_TIMEOUT_MS'.length;
    const file = await fileWith(
      'cut.js',
      Buffer.concat([Buffer.alloc(at, 0x20), Buffer.from(`.${longer};`), Buffer.alloc(64, 0x20)]),
    );
    expect([...(await scanReleaseNames(file, scannedNames()))]).toEqual([]);
  });

  it('reads the pinned native binary (2.1.328) as the measured table says', async () => {
    const found = await scanReleaseNames(await pinnedClaudeBin(), scannedNames());
    expect(found).toEqual(measuredSupport('2.1.328'));
    for (const name of ['CLAUDE_BYTE_STREAM_IDLE_TIMEOUT_MS', 'CLAUDE_CODE_MAX_CONTEXT_TOKENS', '--max-turns']) {
      expect(found).toContain(name);
    }
  });
});
