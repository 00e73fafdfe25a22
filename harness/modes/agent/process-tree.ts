/**
 * Runs one process tree under a wall-clock limit and leaves nothing behind. The child starts
 * detached (its own process group); Claude Code additionally starts every Bash tool command in
 * a new session, out of reach of the group, so the tree is also found by a marker variable in
 * the environment every descendant inherits (Linux: /proc/<pid>/environ).
 */
import { spawn } from 'node:child_process';
import { open, readdir, readFile } from 'node:fs/promises';
import type { Clock } from '../../core/context.ts';

export interface ProcessTreeOptions {
  file: string;
  args: readonly string[];
  cwd: string;
  /** The complete environment (nothing is inherited). */
  env: Readonly<Record<string, string>>;
  /** Set in the environment so descendants in other process groups can be found and killed. */
  marker: { name: string; value: string };
  timeoutMs: number;
  /** Between SIGTERM and SIGKILL. */
  killGraceMs: number;
  stdoutFile: string;
  stderrFile: string;
  clock: Clock;
  /** Ends the tree early (SIGTERM, then SIGKILL after the grace), e.g. when the proxy stopped a loop. */
  stop?: AbortSignal;
}

export interface ProcessTreeResult {
  pid: number | null;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  /** Ended early through `stop`. */
  stopped: boolean;
  wallMs: number;
  /** Descendants still alive after the main process ended, killed by the cleanup. */
  leftoverPids: number[];
  /** Set when the process could not be started at all. */
  spawnError: string | null;
}

/** Start `file`, enforce the time limit, and kill the whole tree on timeout and after exit. */
export async function runProcessTree(options: ProcessTreeOptions): Promise<ProcessTreeResult> {
  const marker = `${options.marker.name}=${options.marker.value}`;
  // Plain file descriptors, not pipes: a leftover descendant holding a pipe open would keep a
  // pipe-based wait (execa's) going after the main process ended.
  const stdout = await open(options.stdoutFile, 'w');
  const stderr = await open(options.stderrFile, 'w');
  const started = options.clock.now();
  const child = spawn(options.file, [...options.args], {
    cwd: options.cwd,
    env: { ...options.env, [options.marker.name]: options.marker.value },
    detached: true,
    stdio: ['ignore', stdout.fd, stderr.fd],
  });
  const pid = child.pid ?? null;
  let timedOut = false;
  let stopped = false;
  let killTimer: NodeJS.Timeout | undefined;
  const endTree = (): void => {
    if (killTimer !== undefined) return;
    void signalTree(pid, marker, 'SIGTERM');
    killTimer = setTimeout(() => void signalTree(pid, marker, 'SIGKILL'), options.killGraceMs);
  };
  const limitTimer = setTimeout(() => {
    timedOut = true;
    endTree();
  }, options.timeoutMs);
  const onStop = (): void => {
    stopped = true;
    endTree();
  };
  if (options.stop?.aborted) onStop();
  else options.stop?.addEventListener('abort', onStop, { once: true });
  const ended = await new Promise<{ exitCode: number | null; signal: string | null; error: string | null }>(
    (resolve) => {
      child.once('error', (error) => resolve({ exitCode: null, signal: null, error: error.message }));
      child.once('exit', (exitCode, signal) => resolve({ exitCode, signal, error: null }));
    },
  );
  clearTimeout(limitTimer);
  clearTimeout(killTimer);
  options.stop?.removeEventListener('abort', onStop);
  await stdout.close();
  await stderr.close();
  const wallMs = options.clock.now() - started;
  const leftoverPids = await killLeftovers(pid, marker);
  return {
    pid,
    exitCode: ended.exitCode,
    signal: ended.signal,
    timedOut,
    stopped,
    wallMs,
    leftoverPids,
    spawnError: ended.error,
  };
}

/**
 * SIGKILL whatever of the tree is still alive and wait until it is gone; returns the pids it found.
 * Scans until a scan finds nothing new: a process caught mid-exec has an unreadable environment
 * for a moment, and a leftover may fork while it is being killed.
 */
async function killLeftovers(pid: number | null, marker: string): Promise<number[]> {
  const found = new Set<number>();
  for (let round = 0; round < 5; round += 1) {
    const fresh = (await findMarkedPids(marker)).filter((p) => !found.has(p) || round === 0);
    for (const p of fresh) found.add(p);
    await signalTree(pid, marker, 'SIGKILL', fresh);
    // A signal is delivered asynchronously: wait (bounded) so "nothing left" holds on return.
    for (let waited = 0; waited < 2000; waited += 20) {
      const alive = await Promise.all([...found].map(isAlive));
      if (!alive.some(Boolean)) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    if (round > 0 && fresh.length === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return [...found];
}

async function signalTree(pid: number | null, marker: string, signal: NodeJS.Signals, known?: number[]): Promise<void> {
  if (pid !== null) trySignal(-pid, signal);
  for (const p of known ?? (await findMarkedPids(marker))) trySignal(p, signal);
}

function trySignal(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // ESRCH: already gone; EPERM: not ours.
  }
}

/** Pids whose environment contains `marker` (NAME=value). Empty where /proc does not exist. */
export async function findMarkedPids(marker: string): Promise<number[]> {
  let entries: string[];
  try {
    entries = await readdir('/proc');
  } catch {
    return [];
  }
  const found: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid) continue;
    try {
      const environ = await readFile(`/proc/${entry}/environ`, 'latin1');
      if (environ.split('\0').includes(marker)) found.push(pid);
    } catch {
      // The process ended meanwhile, or its environment is not readable.
    }
  }
  return found;
}

/** True while a process with this pid exists (zombies count as gone). */
export async function isAlive(pid: number): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) Z/.test(stat);
  } catch {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
}
