/** The environment fingerprint of a bench: host, hardware, software versions, backend and models. */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Accelerator } from '../core/facts.ts';
import type { Environment } from '../report/types.ts';
import { type CommandRunner, detectAccelerator, systemCommandRunner } from './accelerator.ts';

const run = promisify(execFile);

/** The repository root (two levels above harness/modes/). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The harness version from package.json. */
export async function harnessVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** HEAD's short sha, with "-dirty" when the work tree has uncommitted changes; null outside git. */
export async function gitSha(cwd: string = repoRoot): Promise<string | null> {
  try {
    const { stdout } = await run('git', ['rev-parse', '--short=12', 'HEAD'], { cwd });
    const { stdout: status } = await run('git', ['status', '--porcelain', '--untracked-files=no'], { cwd });
    return `${stdout.trim()}${status.trim().length > 0 ? '-dirty' : ''}`;
  } catch {
    return null;
  }
}

/** CPU name: the Apple chip on macOS (sysctl), else os.cpus()[0].model. */
export async function cpuName(): Promise<string> {
  if (process.platform === 'darwin') {
    try {
      const { stdout } = await run('sysctl', ['-n', 'machdep.cpu.brand_string']);
      if (stdout.trim()) return stdout.trim();
    } catch {
      // fall through
    }
  }
  return os.cpus()[0]?.model?.trim() ?? 'unknown';
}

/** The host part of the report's environment fingerprint, and its accelerator. */
export type HostFacts = Pick<Environment, 'host' | 'os' | 'arch' | 'cpu' | 'cpuCores' | 'memoryGiB' | 'node'> & {
  accelerator: Accelerator;
};

/** Host, OS, CPU, memory, Node and the accelerator (found by running `runCommand`'s commands). */
export async function hostFacts(runCommand: CommandRunner = systemCommandRunner): Promise<HostFacts> {
  return {
    host: os.hostname(),
    os: `${os.type()} ${os.release()} (${process.platform})`,
    arch: process.arch,
    cpu: await cpuName(),
    cpuCores: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    accelerator: await detectAccelerator(process.platform, runCommand),
  };
}
