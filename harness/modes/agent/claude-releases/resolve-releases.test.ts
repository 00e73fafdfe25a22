import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../core/context.ts';
import { pinnedClaudeBin } from '../resolve-claude.ts';
import { releaseDir, releasePackageDir } from './cache-root.ts';
import { pinnedClaudeVersion, registryProblem, resolveClaudeReleases } from './resolve-releases.ts';
import type { ClaudeVersionSpec } from './version-spec.ts';

// One cache for the file, so the pinned binary is scanned once.
let cacheRoot: string;
// An npm that does not exist: these tests must not reach the registry.
const noNpm = '/nonexistent/npm';
beforeAll(async () => {
  cacheRoot = await mkdtemp(path.join(tmpdir(), 'resolve-releases-'));
});
afterAll(async () => {
  await rm(cacheRoot, { recursive: true, force: true });
});

const deps = () => ({ cacheRoot, logger: silentLogger, npm: noNpm });
const exact = (version: string): ClaudeVersionSpec => ({ kind: 'exact', version });

/** A release entry in the cache whose `claude` is a script printing `output`. */
async function cachedRelease(version: string, output: string): Promise<string> {
  const pkg = releasePackageDir(releaseDir(cacheRoot, version));
  await mkdir(pkg, { recursive: true });
  await writeFile(
    path.join(pkg, 'package.json'),
    JSON.stringify({ name: '@anthropic-ai/claude-code', bin: { claude: 'cli.sh' } }),
  );
  const bin = path.join(pkg, 'cli.sh');
  await writeFile(bin, `#!/bin/sh\n${output}\n`);
  await chmod(bin, 0o755);
  return bin;
}

describe('resolveClaudeReleases', () => {
  it('resolves no flags to the project release package.json pins', async () => {
    const [release, ...rest] = await resolveClaudeReleases({ specs: [], explicitBin: null }, deps());
    expect(rest).toEqual([]);
    expect(release).toMatchObject({
      version: await pinnedClaudeVersion(),
      bin: await pinnedClaudeBin(),
      requested: ['pinned'],
      source: 'project',
      controls: { source: 'scan', shortfalls: [] },
    });
  });

  it('treats the pinned version named exactly as the project release, once', async () => {
    const pinned = await pinnedClaudeVersion();
    const releases = await resolveClaudeReleases(
      { specs: [{ kind: 'pinned' }, exact(pinned)], explicitBin: null },
      deps(),
    );
    expect(releases.map((r) => [r.version, r.requested, r.source])).toEqual([[pinned, ['pinned', pinned], 'project']]);
  });

  it('uses a cached release without asking the registry', async () => {
    const bin = await cachedRelease('2.1.85', 'echo "2.1.85 (Claude Code)"');
    const [release] = await resolveClaudeReleases({ specs: [exact('2.1.85')], explicitBin: null }, deps());
    // A launcher script is not the release's code: its controls come from the measured table.
    expect(release).toMatchObject({ version: '2.1.85', bin, source: 'cache', controls: { source: 'table' } });
    expect(release?.controls.shortfalls.map((s) => s.control)).toEqual(['streamIdleTimeout', 'contextWindow']);
  });

  it('drives --claude-bin after the --claude-version releases', async () => {
    const bin = await cachedRelease('2.1.90', 'echo "2.1.90 (Claude Code)"');
    const releases = await resolveClaudeReleases({ specs: [{ kind: 'pinned' }], explicitBin: bin }, deps());
    expect(releases.map((r) => [r.version, r.requested, r.source])).toEqual([
      [await pinnedClaudeVersion(), ['pinned'], 'project'],
      ['2.1.90', ['--claude-bin'], 'explicit'],
    ]);
  });

  it('refuses --claude-bin of a version --claude-version already names', async () => {
    const pinned = await pinnedClaudeVersion();
    const bin = await pinnedClaudeBin();
    await expect(
      resolveClaudeReleases({ specs: [{ kind: 'pinned' }], explicitBin: bin }, deps()),
    ).rejects.toMatchObject({
      code: 'USAGE',
      message: `--claude-bin ${bin} is Claude Code ${pinned}, which --claude-version pinned already names; drop one of them.`,
    });
  });

  it.each([
    [
      '2.1.84',
      'echo "2.1.85 (Claude Code)"',
      (dir: string, bin: string) =>
        `Claude Code 2.1.84 in the cache at ${dir} reports 2.1.85 (${bin}). Remove ${dir} and rerun to install it again.`,
    ],
    [
      '2.1.200',
      'echo "Error: claude native binary not installed." >&2; exit 1',
      (dir: string) =>
        `Claude Code 2.1.200 in the cache at ${dir} has no native binary (its postinstall placed none for ${process.platform}-${process.arch}). Remove ${dir} and rerun to install it again.`,
    ],
  ])('explains a broken cache entry for %s in one line', async (version, output, message) => {
    const bin = await cachedRelease(version, output);
    await expect(resolveClaudeReleases({ specs: [exact(version)], explicitBin: null }, deps())).rejects.toMatchObject({
      code: 'CLAUDE_MISSING',
      message: message(releaseDir(cacheRoot, version), bin),
    });
  });

  it('says npm is missing when an uncached release cannot be looked up', async () => {
    await expect(resolveClaudeReleases({ specs: [exact('2.1.70')], explicitBin: null }, deps())).rejects.toMatchObject({
      code: 'CLAUDE_MISSING',
      message:
        "Cannot ask the npm registry about Claude Code 2.1.70 (npm view @anthropic-ai/claude-code@2.1.70 version: npm is not on PATH). Check the network and npm's registry setting, or pass --claude-bin PATH.",
    });
  });
});

describe('registryProblem', () => {
  it.each([
    [
      '9.9.9',
      { status: 'not_found' as const },
      'Claude Code 9.9.9 is not on the npm registry (npm view @anthropic-ai/claude-code@9.9.9 version). Pass an exact version from `npm view @anthropic-ai/claude-code versions`.',
    ],
    [
      'latest',
      {
        status: 'unreachable' as const,
        detail: 'FetchError: request failed, reason: getaddrinfo ENOTFOUND registry.npmjs.org',
      },
      "Cannot ask the npm registry about Claude Code latest (npm view @anthropic-ai/claude-code@latest version: FetchError: request failed, reason: getaddrinfo ENOTFOUND registry.npmjs.org). Check the network and npm's registry setting, or pass --claude-bin PATH.",
    ],
  ])('%s: %j', (spec, answer, line) => {
    expect(registryProblem(spec, answer)).toBe(line);
  });
});
