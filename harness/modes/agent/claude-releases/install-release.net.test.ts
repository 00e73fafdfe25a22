/**
 * The one place tests reach past loopback: real npm against the real registry, installing Claude
 * Code 2.1.85 (the experiment's release, ~60 MB) into a temporary cache. Set LLM_BENCH_OFFLINE=1
 * to skip it on a machine without the registry.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../core/context.ts';
import { repoRoot } from '../../environment.ts';
import { scannedNames } from '../claude-controls/control-table.ts';
import { measuredSupport } from '../claude-controls/measured-support.ts';
import { scanReleaseNames } from '../claude-controls/scan-release.ts';
import { probeClaudeVersion } from '../resolve-claude.ts';
import { ensureCachedRelease } from './install-release.ts';
import { registryVersion } from './npm-registry.ts';
import { pinnedClaudeVersion, resolveClaudeReleases } from './resolve-releases.ts';

const offline = process.env.LLM_BENCH_OFFLINE === '1';
const notOnRegistry =
  'Claude Code 9.9.9 is not on the npm registry (npm view @anthropic-ai/claude-code@9.9.9 version). Pass an exact version from `npm view @anthropic-ai/claude-code versions`.';

let cacheRoot: string;
beforeAll(async () => {
  cacheRoot = await mkdtemp(path.join(tmpdir(), 'claude-releases-net-'));
});
afterAll(async () => {
  await rm(cacheRoot, { recursive: true, force: true });
});

describe.skipIf(offline)('Claude Code releases from the real npm registry', () => {
  it('reads latest as an exact version and knows 9.9.9 does not exist', async () => {
    expect(await registryVersion('latest')).toMatchObject({
      status: 'found',
      version: expect.stringMatching(/^\d+\.\d+\.\d+$/),
    });
    expect(await registryVersion('9.9.9')).toEqual({ status: 'not_found' });
  });

  it('installs 2.1.85 once when two benches ask at the same time, and the binary reports 2.1.85', async () => {
    const both = await Promise.all([
      ensureCachedRelease('2.1.85', cacheRoot, { logger: silentLogger }),
      ensureCachedRelease('2.1.85', cacheRoot, { logger: silentLogger }),
    ]);
    expect(both[0].bin).toBe(both[1].bin);
    expect(both.map((r) => r.source).sort()).toEqual(['cache', 'installed']);
    expect(both[0].bin).toBe(path.join(cacheRoot, '2.1.85', 'node_modules', '@anthropic-ai', 'claude-code', 'cli.js'));
    expect(await probeClaudeVersion(both[0].bin)).toEqual({ status: 'ok', version: '2.1.85' });
    // Nothing half-installed is left beside the entry.
    expect(await readdir(cacheRoot)).toEqual(['2.1.85']);
    expect(await ensureCachedRelease('2.1.85', cacheRoot, { logger: silentLogger })).toEqual({
      bin: both[0].bin,
      source: 'cache',
    });
  }, 600_000);

  it('scans the installed 2.1.85 cli.js as the measured table says', async () => {
    const bin = path.join(cacheRoot, '2.1.85', 'node_modules', '@anthropic-ai', 'claude-code', 'cli.js');
    const found = await scanReleaseNames(bin, scannedNames());
    expect(found).toEqual(measuredSupport('2.1.85'));
    expect(found).not.toContain('CLAUDE_CODE_MAX_CONTEXT_TOKENS');
    expect(found).not.toContain('CLAUDE_BYTE_STREAM_IDLE_TIMEOUT_MS');
    expect(found).toContain('DISABLE_AUTO_COMPACT');
  });

  it('resolves 2.1.85 and pinned side by side, 2.1.85 scanned and bounded through its equivalents', async () => {
    const releases = await resolveClaudeReleases(
      { specs: [{ kind: 'exact', version: '2.1.85' }, { kind: 'pinned' }], explicitBin: null },
      { cacheRoot, logger: silentLogger },
    );
    expect(releases.map((r) => [r.version, r.source, r.controls.source])).toEqual([
      ['2.1.85', 'cache', 'scan'],
      [await pinnedClaudeVersion(), 'project', 'scan'],
    ]);
    expect(releases[0]?.controls.shortfalls.map((s) => [s.control, s.status])).toEqual([
      ['streamIdleTimeout', 'unsupported'],
      ['contextWindow', 'unsupported'],
    ]);
  }, 300_000);

  it('refuses a version the registry does not have in one line', async () => {
    await expect(
      resolveClaudeReleases(
        { specs: [{ kind: 'exact', version: '9.9.9' }], explicitBin: null },
        { cacheRoot, logger: silentLogger },
      ),
    ).rejects.toMatchObject({ code: 'CLAUDE_MISSING', message: notOnRegistry });
  });

  it('pnpm bench --claude-version 9.9.9 exits 2 with that one line', async () => {
    const result = await execa(
      path.join(repoRoot, 'node_modules', '.bin', 'tsx'),
      [
        path.join(repoRoot, 'harness', 'cli', 'main.ts'),
        ...['--backend', 'sim', '--model', 'sim-correct', '--mode', 'agent', '--claude-version', '9.9.9'],
        ...['--out', path.join(cacheRoot, 'out')],
      ],
      { cwd: repoRoot, reject: false, env: { XDG_CACHE_HOME: cacheRoot, NO_COLOR: '1' }, timeout: 120_000 },
    );
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim()).toBe(`error: ${notOnRegistry}`);
  });
});
