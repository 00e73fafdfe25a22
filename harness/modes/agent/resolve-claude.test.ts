import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseClaudeVersion, resolveClaudeCli } from './resolve-claude.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'resolve-claude-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function script(name: string, body: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, `#!/bin/sh\n${body}\n`);
  await chmod(file, 0o755);
  return file;
}

describe('resolveClaudeCli', () => {
  it('finds the pinned package binary and reads its version', async () => {
    const cli = await resolveClaudeCli(null, path.join(dir, 'cache'));
    expect(cli.bin).toMatch(/@anthropic-ai\/claude-code\/bin\/claude(\.exe)?$/);
    expect(cli.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(cli.controls).toMatchObject({ source: 'scan', shortfalls: [] });
  });

  it('explains a placeholder binary whose build script did not run', async () => {
    const bin = await script('placeholder', 'echo "Error: claude native binary not installed." >&2; exit 1');
    await expect(resolveClaudeCli(bin, path.join(dir, 'cache'))).rejects.toMatchObject({
      code: 'CLAUDE_MISSING',
      message: expect.stringContaining('allowBuilds'),
    });
  });

  it('reports a missing explicit binary', async () => {
    await expect(resolveClaudeCli(path.join(dir, 'nope'), path.join(dir, 'cache'))).rejects.toMatchObject({
      code: 'CLAUDE_MISSING',
      message: expect.stringContaining('--claude-bin'),
    });
  });

  it('reports a binary that prints no version', async () => {
    const bin = await script('broken', 'echo oops; exit 3');
    await expect(resolveClaudeCli(bin, path.join(dir, 'cache'))).rejects.toMatchObject({ code: 'CLAUDE_MISSING' });
  });
});

describe('parseClaudeVersion', () => {
  it.each([
    ['2.1.328 (Claude Code)', '2.1.328'],
    ['claude 3.0.0-beta.1\n', '3.0.0-beta.1'],
    ['no version', null],
  ])('%j → %s', (output, version) => {
    expect(parseClaudeVersion(output)).toBe(version);
  });
});
