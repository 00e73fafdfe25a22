/**
 * `--claude-version` and `--claude-bin` → the Claude Code releases a bench drives, each an exact
 * version with a checked binary and its controls, resolved before the first run.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../../core/context.ts';
import { HarnessError } from '../../../core/errors.ts';
import type { ClaudeCli, ClaudeRelease } from '../../context.ts';
import { repoRoot } from '../../environment.ts';
import { controlsForRelease } from '../claude-controls/release-support.ts';
import { resolveClaudeCli } from '../resolve-claude.ts';
import { ensureCachedRelease, isReleaseCached } from './install-release.ts';
import type { RegistryAnswer } from './npm-registry.ts';
import { registryVersion } from './npm-registry.ts';
import type { ClaudeVersionSpec } from './version-spec.ts';
import { claudePackage, isExactVersion, specLabel } from './version-spec.ts';

export interface ReleaseRequest {
  /** Parsed --claude-version entries; empty when the flag was not given. */
  readonly specs: readonly ClaudeVersionSpec[];
  /** --claude-bin, or null. */
  readonly explicitBin: string | null;
}

export interface ResolveDeps {
  /** The per-user release cache (claudeCacheRoot). */
  readonly cacheRoot: string;
  readonly logger: Logger;
  /** The npm command; `npm` by default. */
  readonly npm?: string;
  /** The version package.json pins; read from the repository when absent. */
  readonly pinnedVersion?: string;
}

/** The exact @anthropic-ai/claude-code version package.json pins. */
export async function pinnedClaudeVersion(root: string = repoRoot): Promise<string> {
  const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  const pinned = pkg.dependencies?.[claudePackage];
  if (pinned === undefined || !isExactVersion(pinned)) {
    throw new HarnessError(
      'CONFIG_INVALID',
      `package.json must pin ${claudePackage} to an exact version for --claude-version pinned; it has "${pinned ?? 'nothing'}".`,
    );
  }
  return pinned;
}

/** The one-line error for an answer other than `found` ("not on the registry", "cannot ask"). */
export function registryProblem(spec: string, answer: Exclude<RegistryAnswer, { status: 'found' }>): string {
  const view = `npm view ${claudePackage}@${spec} version`;
  if (answer.status === 'not_found') {
    return `Claude Code ${spec} is not on the npm registry (${view}). Pass an exact version from \`npm view ${claudePackage} versions\`.`;
  }
  return `Cannot ask the npm registry about Claude Code ${spec} (${view}: ${answer.detail}). Check the network and npm's registry setting, or pass --claude-bin PATH.`;
}

/**
 * Every release the bench drives, in the order given, --claude-bin last. With neither flag, the
 * project's pinned release. Releases that resolve to the same version are one release. Throws
 * HarnessError with one line naming the version and the fix (exit status 2).
 */
export async function resolveClaudeReleases(request: ReleaseRequest, deps: ResolveDeps): Promise<ClaudeRelease[]> {
  const releases: ClaudeRelease[] = [];
  const specs =
    request.specs.length === 0 && request.explicitBin === null ? [{ kind: 'pinned' } as const] : request.specs;
  for (const spec of specs) {
    const version = await exactVersionOf(spec, deps);
    const same = releases.find((r) => r.version === version);
    if (same !== undefined) {
      same.requested.push(specLabel(spec));
      continue;
    }
    releases.push(await releaseOf(version, specLabel(spec), deps));
  }
  if (request.explicitBin !== null) {
    const cli = await resolveClaudeCli(request.explicitBin, deps.cacheRoot);
    const same = releases.find((r) => r.version === cli.version);
    if (same !== undefined) {
      throw new HarnessError(
        'USAGE',
        `--claude-bin ${request.explicitBin} is Claude Code ${cli.version}, which --claude-version ${same.requested.join(',')} already names; drop one of them.`,
      );
    }
    releases.push({ ...cli, requested: ['--claude-bin'], source: 'explicit' });
  }
  return releases;
}

async function exactVersionOf(spec: ClaudeVersionSpec, deps: ResolveDeps): Promise<string> {
  if (spec.kind === 'exact') return spec.version;
  if (spec.kind === 'pinned') return deps.pinnedVersion ?? (await pinnedClaudeVersion());
  const answer = await registryVersion('latest', deps.npm);
  if (answer.status !== 'found') throw new HarnessError('CLAUDE_MISSING', registryProblem('latest', answer));
  return answer.version;
}

async function releaseOf(version: string, requested: string, deps: ResolveDeps): Promise<ClaudeRelease> {
  const pinned = deps.pinnedVersion ?? (await pinnedClaudeVersion());
  if (version === pinned)
    return { ...(await projectRelease(pinned, deps.cacheRoot)), requested: [requested], source: 'project' };
  // The registry is asked only before an install, so a cached release works offline.
  if (!(await isReleaseCached(version, deps.cacheRoot))) {
    const answer = await registryVersion(version, deps.npm);
    if (answer.status !== 'found') throw new HarnessError('CLAUDE_MISSING', registryProblem(version, answer));
  }
  const cached = await ensureCachedRelease(version, deps.cacheRoot, { logger: deps.logger, npm: deps.npm });
  const controls = await controlsForRelease({ version, bin: cached.bin, cacheRoot: deps.cacheRoot });
  return { bin: cached.bin, version, controls, requested: [requested], source: cached.source };
}

/** The project's own installed package, which must be the pinned version (no second install). */
async function projectRelease(pinned: string, cacheRoot: string): Promise<ClaudeCli> {
  const cli = await resolveClaudeCli(null, cacheRoot);
  if (cli.version !== pinned) {
    throw new HarnessError(
      'CLAUDE_MISSING',
      `The installed Claude Code is ${cli.version} but package.json pins ${pinned} (${cli.bin}); run pnpm install.`,
    );
  }
  return cli;
}
