import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import type { Clock } from '../core/context.ts';
import { systemClock } from '../core/context.ts';
import { countTestsStatically } from './count-tests.ts';
import type { JUnitCase } from './junit.ts';
import { parseJUnitXml } from './junit.ts';
import type { PytestRun, TestCase } from './types.ts';

export interface PytestOptions {
  python: string;
  cwd: string;
  /** Files or directories, relative to `cwd`. */
  targets: readonly string[];
  /** Where pytest writes its JUnit XML (absolute, or relative to `cwd`). */
  junitPath: string;
  timeoutMs: number;
  /** The complete environment (see graderEnv); only COLUMNS is added when missing. */
  env: Record<string, string>;
  /** Extra pytest arguments placed before the targets (e.g. -c, --confcutdir). */
  extraArgs?: readonly string[];
  clock?: Clock;
}

/**
 * Run pytest once and report what happened; never throws for failing tests, a crash or a
 * timeout. On timeout the whole process group is killed (model code may have spawned
 * servers); leftovers of the group are also killed once pytest exits. Collection errors do not
 * stop the other files (`--continue-on-collection-errors`), and a file that fails to import
 * still counts its `def test…` functions in `total`.
 */
export async function runPytest(options: PytestOptions): Promise<PytestRun> {
  const clock = options.clock ?? systemClock;
  const junitPath = path.resolve(options.cwd, options.junitPath);
  await mkdir(path.dirname(junitPath), { recursive: true });
  await rm(junitPath, { force: true });
  const args = [
    '-m',
    'pytest',
    '-p',
    'no:cacheprovider',
    '-q',
    '-rfE',
    '--tb=short',
    '--continue-on-collection-errors',
    `--junitxml=${junitPath}`,
    ...(options.extraArgs ?? []),
    ...options.targets.map((t) => (t.startsWith('-') ? `./${t}` : t)),
  ];

  const started = clock.now();
  const subprocess = execa(options.python, args, {
    cwd: options.cwd,
    // A wide terminal keeps pytest's short summary lines ("FAILED …::test - Error: …") whole.
    env: { COLUMNS: '240', ...options.env },
    extendEnv: false,
    reject: false,
    detached: true,
    stdin: 'ignore',
    stripFinalNewline: false,
    maxBuffer: 20_000_000,
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(subprocess.pid);
  }, options.timeoutMs);
  subprocess.once('exit', () => killGroup(subprocess.pid));
  const result = await subprocess;
  clearTimeout(timer);
  const durationMs = clock.now() - started;

  const xml = await readFile(junitPath, 'utf8').catch(() => null);
  const junitCases = xml === null ? [] : parseJUnitXml(xml);
  const staticCounts = await countTestsStatically(options.cwd, options.targets);
  const cases: TestCase[] = junitCases.map(({ classname, name, outcome, message, timeSec }) => ({
    classname,
    name,
    outcome,
    message,
    timeSec,
  }));
  return {
    exitCode: timedOut || typeof result.exitCode !== 'number' ? null : result.exitCode,
    timedOut,
    durationMs,
    stdout: String(result.stdout ?? ''),
    stderr: String(result.stderr ?? ''),
    cases,
    passed: junitCases.filter((c) => !c.collectionFailure && c.outcome === 'passed').length,
    total: countTotal(junitCases, staticCounts),
    collectionError: firstCollectionError(junitCases),
  };
}

/**
 * max(JUnit count, static count), refined per file: a module that failed to collect counts
 * its `def test…` functions instead of pytest's one placeholder case.
 */
function countTotal(cases: readonly JUnitCase[], staticCounts: ReadonlyMap<string, number>): number {
  let junit = 0;
  for (const c of cases) {
    if (!c.collectionFailure) {
      junit += 1;
      continue;
    }
    const file = [...staticCounts.keys()].find((f) => moduleMatches(f, c.name));
    junit += file === undefined ? 1 : Math.max(1, staticCounts.get(file)!);
  }
  const staticTotal = [...staticCounts.values()].reduce((a, b) => a + b, 0);
  return Math.max(junit, staticTotal);
}

function moduleMatches(file: string, junitName: string): boolean {
  const dotted = file.replace(/\.py$/, '').split('/').join('.');
  return dotted === junitName || dotted.endsWith(`.${junitName}`) || junitName.endsWith(`.${dotted}`);
}

function firstCollectionError(cases: readonly JUnitCase[]): string | null {
  const failure = cases.find((c) => c.collectionFailure);
  if (failure === undefined) return null;
  const lines = (failure.detail ?? '').split('\n');
  const errorLines = lines.filter((l) => /^E\s/.test(l)).map((l) => l.replace(/^E\s+/, '').trim());
  const last =
    errorLines.filter((l) => /^\w*(Error|Exception)\b/.test(l)).pop() ??
    errorLines.pop() ??
    failure.message ??
    'collection failure';
  return `${failure.name}: ${last}`;
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group is already gone.
  }
}
