/** Where installed Claude Code releases and release scans are kept: a per-user cache shared by benches. */
import os from 'node:os';
import path from 'node:path';

/**
 * `${XDG_CACHE_HOME:-~/.cache}/local-llm-bench/claude-code`. A relative XDG_CACHE_HOME is ignored,
 * as the XDG base directory specification asks.
 */
export function claudeCacheRoot(
  env: Readonly<Record<string, string | undefined>>,
  home: string = os.homedir(),
): string {
  const xdg = env.XDG_CACHE_HOME;
  const base = xdg !== undefined && path.isAbsolute(xdg) ? xdg : path.join(home, '.cache');
  return path.join(base, 'local-llm-bench', 'claude-code');
}

/** The directory one release is installed into (`npm install --prefix` of it). */
export function releaseDir(cacheRoot: string, version: string): string {
  return path.join(cacheRoot, version);
}

/** The installed package inside a release directory. */
export function releasePackageDir(dir: string): string {
  return path.join(dir, 'node_modules', '@anthropic-ai', 'claude-code');
}
