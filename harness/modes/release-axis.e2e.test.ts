/**
 * The Claude Code release as an axis of a real bench (the scripted backend, the real CLI): agent
 * runs once per release, a killed bench finished with --resume without redoing a release's runs,
 * and --resume refusing another set of releases in one line.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchCli, runIds } from '../cli/test-kit/bench-cli.ts';
import { claudeCacheRoot } from './agent/claude-releases/cache-root.ts';
import { isReleaseCached } from './agent/claude-releases/install-release.ts';
import { parseManifest } from './manifest.ts';

const agentArgs = ['--backend', 'sim', '--model', 'sim-instant', '--mode', 'agent', '--task', 'lru-cache'];
// Tests touch no network: the older release is used only when this machine already has it.
const olderRelease = '2.1.85';
const olderCached = await isReleaseCached(olderRelease, claudeCacheRoot(process.env));

const bench = (args: string[]) => benchCli(args, { timeoutMs: 300_000 });

const errorLines = (stderr: string): string[] => stderr.split('\n').filter((l) => l.startsWith('error:'));

describe('Claude Code releases as an axis', () => {
  it('refuses to resume a bench recorded under another release, naming both in one line', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-release-axis-'));
    expect((await bench([...agentArgs, '--out', dir])).exitCode).toBe(0);
    // What a bench started the night before with `latest` looks like once latest moved on.
    const file = path.join(dir, 'manifest.json');
    const manifest = parseManifest(await readFile(file, 'utf8'), dir);
    const pinned = manifest.claudeCode[0]?.version;
    const recorded = { ...manifest, claudeCode: manifest.claudeCode.map((r) => ({ ...r, version: '2.1.330' })) };
    await writeFile(file, JSON.stringify(recorded));

    const again = await bench([...agentArgs, '--resume', dir]);
    expect(again.exitCode).toBe(2);
    expect(errorLines(again.stderr)).toEqual([
      expect.stringContaining(`Claude Code releases were 2.1.330, now ${pinned}`),
    ]);
  }, 300_000);

  it.runIf(olderCached)(
    `runs agent runs once per release and finishes a killed bench with --resume (needs ${olderRelease} in the cache)`,
    async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-release-axis-'));
      const args = [...agentArgs, '--claude-version', `${olderRelease},pinned`, '--out', dir];
      const child = benchCli(args, { timeoutMs: 300_000 });
      for (let i = 0; i < 1200 && (await runIds(dir)).length < 1; i += 1) await new Promise((r) => setTimeout(r, 100));
      child.kill('SIGKILL');
      await child;
      const before = await runIds(dir);
      expect(before).toEqual([`sim-instant__lru-cache__agent__cc${olderRelease}__a1`]);

      const other = await bench([...agentArgs, '--claude-version', 'pinned', '--resume', dir]);
      expect(other.exitCode).toBe(2);
      expect(errorLines(other.stderr)).toEqual([
        expect.stringMatching(
          new RegExp(
            `Claude Code releases were ${olderRelease.replaceAll('.', '\\.')}, 2\\.1\\.\\d+, now 2\\.1\\.\\d+`,
          ),
        ),
      ]);

      const resumed = await bench(['--resume', dir]);
      expect(resumed.exitCode).toBe(0);
      expect(resumed.stderr).toContain(`sim-instant__lru-cache__agent__cc${olderRelease}__a1 already done (resumed)`);
      const after = await runIds(dir);
      expect(after).toHaveLength(2);
      expect(after[0]).toBe(before[0]);
      const report = JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8')) as {
        runs: { id: string; claudeCode: string }[];
        summary: { claudeCode: string | null }[];
      };
      const releases = report.runs.map((r) => r.claudeCode);
      expect(releases[0]).toBe(olderRelease);
      expect(new Set(releases).size).toBe(2);
      expect(report.summary.map((s) => s.claudeCode)).toEqual(releases);
    },
    300_000,
  );
});
