/** Asking the npm registry, through the user's own `npm`, which exact version a release spec names. */
import { execa } from 'execa';
import { claudePackage } from './version-spec.ts';

/** What `npm view <package>@<spec> version` answered. */
export type RegistryAnswer =
  | { status: 'found'; version: string }
  | { status: 'not_found' }
  | { status: 'unreachable'; detail: string };

/** `npm view` output (`--json`): the version string, a list when a range matched several, or an error object. */
export function readNpmViewOutput(stdout: string, stderr: string, failed: boolean): RegistryAnswer {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed === 'string') return { status: 'found', version: parsed };
  if (Array.isArray(parsed) && typeof parsed.at(-1) === 'string') return { status: 'found', version: parsed.at(-1) };
  const error = (parsed as { error?: { code?: unknown; summary?: unknown } } | undefined)?.error;
  if (error?.code === 'E404' || error?.code === 'ETARGET') return { status: 'not_found' };
  // npm prints nothing for a version that does not exist on some registries.
  if (!failed && stdout.trim() === '') return { status: 'not_found' };
  const summary = typeof error?.summary === 'string' ? error.summary : firstNpmErrorLine(stderr);
  return { status: 'unreachable', detail: summary || 'npm view failed' };
}

/** The first meaningful `npm error` line of npm's stderr (not the "complete log" pointer). */
export function firstNpmErrorLine(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.replace(/^npm (?:error|ERR!)\s*/, '').trim())
    .filter((line) => line !== '' && !/complete log of this run|^(?:code|errno|syscall) \w+$/.test(line));
  return lines[0] ?? '';
}

/** Why `npm` did not run at all: not on PATH, or the spawn error. */
export function npmDidNotRun(result: { shortMessage?: string }): string {
  const message = result.shortMessage ?? '';
  return /ENOENT/.test(message) ? 'npm is not on PATH' : message.split('\n')[0] || 'npm did not run';
}

/** The exact version `spec` ("latest" or an exact version) names on the registry. */
export async function registryVersion(spec: string, npm = 'npm'): Promise<RegistryAnswer> {
  try {
    const result = await execa(npm, ['view', `${claudePackage}@${spec}`, 'version', '--json'], {
      reject: false,
      timeout: 60_000,
      stdin: 'ignore',
    });
    if (result.failed && result.exitCode === undefined) return { status: 'unreachable', detail: npmDidNotRun(result) };
    return readNpmViewOutput(String(result.stdout), String(result.stderr), result.failed);
  } catch (error) {
    return { status: 'unreachable', detail: error instanceof Error ? error.message : String(error) };
  }
}
