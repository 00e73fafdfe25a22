/** Finding and checking the Claude Code binary agent mode drives. */
import { access, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { execa } from 'execa';
import { HarnessError } from '../../core/errors.ts';
import type { ClaudeCli } from '../context.ts';
import { controlsForRelease } from './claude-controls/release-support.ts';
import { claudeCacheRoot } from './claude-releases/cache-root.ts';

const INSTALL_HINT =
  'run pnpm install; pnpm must be allowed to run the package\'s build script (pnpm-workspace.yaml allowBuilds: "@anthropic-ai/claude-code": true)';

/** The `claude` binary named by the package.json of an installed @anthropic-ai/claude-code in `packageDir`. */
export async function claudeBinIn(packageDir: string): Promise<string> {
  const pkg = JSON.parse(await readFile(path.join(packageDir, 'package.json'), 'utf8')) as {
    bin?: string | Record<string, string>;
  };
  const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.claude;
  if (bin === undefined)
    throw new HarnessError(
      'CLAUDE_MISSING',
      `The Claude Code package at ${packageDir} names no binary; ${INSTALL_HINT}.`,
    );
  return path.resolve(packageDir, bin);
}

/** The pinned package's binary (`bin.claude` of @anthropic-ai/claude-code, resolved from here). */
export async function pinnedClaudeBin(): Promise<string> {
  const require = createRequire(import.meta.url);
  return claudeBinIn(path.dirname(require.resolve('@anthropic-ai/claude-code/package.json')));
}

/** Parse `claude --version` output ("2.1.328 (Claude Code)"). */
export function parseClaudeVersion(output: string): string | null {
  return /\b(\d+\.\d+\.\d+(?:[-+][\w.]+)?)\b/.exec(output)?.[1] ?? null;
}

/** What `<bin> --version` showed: a version, the placeholder of a package whose postinstall did not run, or a failure. */
export type VersionProbe =
  | { status: 'ok'; version: string }
  | { status: 'placeholder' }
  | { status: 'failed'; detail: string };

/** Run `<bin> --version` (30 s limit, auto-updater off) and read the version it reports. */
export async function probeClaudeVersion(bin: string): Promise<VersionProbe> {
  const probe = await execa(bin, ['--version'], {
    reject: false,
    timeout: 30_000,
    stdin: 'ignore',
    env: { DISABLE_AUTOUPDATER: '1' },
  });
  const output = `${String(probe.stdout)}\n${String(probe.stderr)}`;
  const version = parseClaudeVersion(String(probe.stdout));
  if (/native binary (?:is )?not installed/i.test(output)) return { status: 'placeholder' };
  if (probe.failed || version === null) {
    return { status: 'failed', detail: (probe.shortMessage ?? output).trim().split('\n')[0] ?? '' };
  }
  return { status: 'ok', version };
}

/**
 * The Claude Code binary to run: `explicitBin` when given, else the pinned package's. Checks
 * that it starts and reports a version, and finds how it is bounded (its code scanned once, the
 * scan cached under `cacheRoot`); throws CLAUDE_MISSING with the fix otherwise.
 */
export async function resolveClaudeCli(
  explicitBin: string | null,
  cacheRoot: string = claudeCacheRoot(process.env),
): Promise<ClaudeCli> {
  let bin: string;
  if (explicitBin !== null) {
    bin = path.resolve(explicitBin);
  } else {
    try {
      bin = await pinnedClaudeBin();
    } catch (error) {
      if (error instanceof HarnessError) throw error;
      throw new HarnessError(
        'CLAUDE_MISSING',
        `The Claude Code package @anthropic-ai/claude-code is not installed; ${INSTALL_HINT}.`,
        { cause: error },
      );
    }
  }
  try {
    await access(bin);
  } catch {
    throw new HarnessError(
      'CLAUDE_MISSING',
      `Claude Code not found at ${bin}; ${explicitBin === null ? INSTALL_HINT : 'check --claude-bin'}.`,
    );
  }
  const probe = await probeClaudeVersion(bin);
  const hint = explicitBin === null ? INSTALL_HINT : 'check --claude-bin';
  if (probe.status === 'placeholder') {
    throw new HarnessError(
      'CLAUDE_MISSING',
      `Claude Code at ${bin} cannot start: the native binary is not installed — ${INSTALL_HINT}.`,
    );
  }
  if (probe.status === 'failed') {
    throw new HarnessError('CLAUDE_MISSING', `Claude Code at ${bin} did not start (${probe.detail}); ${hint}.`);
  }
  const { version } = probe;
  return { bin, version, controls: await controlsForRelease({ version, bin, cacheRoot }) };
}
