/**
 * Installing one Claude Code release into the per-user cache with npm, and checking an installed
 * one. Two benches may install the same release at once: each installs into its own temporary
 * directory beside the cache entry and renames it into place; the first rename wins.
 */
import { access, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import type { Logger } from '../../../core/context.ts';
import { HarnessError } from '../../../core/errors.ts';
import { claudeBinIn, probeClaudeVersion } from '../resolve-claude.ts';
import { releaseDir, releasePackageDir } from './cache-root.ts';
import { firstNpmErrorLine, npmDidNotRun } from './npm-registry.ts';
import { claudePackage } from './version-spec.ts';

export interface InstallDeps {
  logger: Logger;
  /** The npm command (default `npm`). */
  npm?: string;
}

/** A cached release ready to run. */
export interface CachedRelease {
  bin: string;
  /** Whether this call installed it or found it installed. */
  source: 'cache' | 'installed';
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/** True when the cache holds an entry for `version` (checked when used). */
export async function isReleaseCached(version: string, cacheRoot: string): Promise<boolean> {
  return exists(releaseDir(cacheRoot, version));
}

/**
 * The binary of `version` in the cache at `cacheRoot`, installed first when absent; checked with
 * `claude --version` either way. Throws CLAUDE_MISSING with one line naming the version and the fix.
 */
export async function ensureCachedRelease(
  version: string,
  cacheRoot: string,
  deps: InstallDeps,
): Promise<CachedRelease> {
  const dir = releaseDir(cacheRoot, version);
  if (await exists(dir)) return { bin: await verifiedBin(dir, version, 'cached'), source: 'cache' };
  await mkdir(cacheRoot, { recursive: true });
  const staging = await mkdtemp(path.join(cacheRoot, `.installing-${version}-`));
  try {
    deps.logger.info(`Installing Claude Code ${version} into ${dir} (npm install, once per machine)…`);
    await npmInstall(version, staging, cacheRoot, deps.npm ?? 'npm');
    await verifiedBin(staging, version, 'installed');
    try {
      await rename(staging, dir);
    } catch (error) {
      // Another bench renamed its copy into place first; use that one.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
      return { bin: await verifiedBin(dir, version, 'cached'), source: 'cache' };
    }
    return { bin: await claudeBinIn(releasePackageDir(dir)), source: 'installed' };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function npmInstall(version: string, prefix: string, cacheRoot: string, npm: string): Promise<void> {
  const target = `${claudePackage}@${version}`;
  // Install scripts and optional dependencies are asked for explicitly: native releases place their
  // binary from a per-platform optional dependency in a postinstall step, whatever the user's npmrc says.
  const result = await execa(
    npm,
    [
      'install',
      '--prefix',
      prefix,
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts=false',
      '--include=optional',
      '--loglevel=error',
      target,
    ],
    { cwd: prefix, reject: false, timeout: 15 * 60_000, stdin: 'ignore' },
  );
  if (!result.failed) return;
  const detail =
    result.exitCode === undefined ? npmDidNotRun(result) : firstNpmErrorLine(String(result.stderr)) || 'npm failed';
  throw new HarnessError(
    'CLAUDE_MISSING',
    `Installing Claude Code ${version} failed (npm install ${target}: ${detail}). Check the network and the disk under ${cacheRoot}, or pass --claude-bin PATH.`,
  );
}

/** The binary in an install directory, after checking it reports `version`. */
async function verifiedBin(dir: string, version: string, state: 'cached' | 'installed'): Promise<string> {
  const where = state === 'cached' ? `in the cache at ${dir}` : 'just installed';
  const fix =
    state === 'cached'
      ? ` Remove ${dir} and rerun to install it again.`
      : ' Pass another version, or --claude-bin PATH.';
  let bin: string;
  try {
    bin = await claudeBinIn(releasePackageDir(dir));
  } catch {
    throw new HarnessError('CLAUDE_MISSING', `Claude Code ${version} ${where} has no readable package.json.${fix}`);
  }
  const probe = await probeClaudeVersion(bin);
  if (probe.status === 'placeholder') {
    throw new HarnessError(
      'CLAUDE_MISSING',
      `Claude Code ${version} ${where} has no native binary (its postinstall placed none for ${process.platform}-${process.arch}).${fix}`,
    );
  }
  if (probe.status === 'failed') {
    throw new HarnessError('CLAUDE_MISSING', `Claude Code ${version} ${where} did not start (${probe.detail}).${fix}`);
  }
  if (probe.version !== version) {
    throw new HarnessError(
      'CLAUDE_MISSING',
      `Claude Code ${version} ${where} reports ${probe.version} (${bin}).${fix}`,
    );
  }
  return bin;
}
