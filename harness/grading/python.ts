import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { HarnessError } from '../core/errors.ts';
import { graderEnv } from './sandbox-env.ts';

export interface GraderPython {
  /** Absolute path of the interpreter (sys.executable), usable without PATH or pyenv shims. */
  path: string;
  version: string;
}

export interface ResolvePythonOptions {
  /** --python PATH; when given, it is the only interpreter tried. */
  explicit?: string | null;
  /** Modules that must import, e.g. ["pytest", "fastapi", "httpx"]. */
  modules: readonly string[];
  /** Interpreters tried in order without --python (default /usr/bin/python3, then python3 on PATH). */
  fallbacks?: readonly string[];
}

// Prints the version, the real executable and the modules that fail to import, as JSON.
const PROBE = `
import importlib, json, sys
missing = []
for name in sys.argv[1:]:
    try:
        importlib.import_module(name)
    except Exception:
        missing.append(name)
print(json.dumps({"version": "%d.%d.%d" % sys.version_info[:3], "executable": sys.executable, "missing": missing}))
`;

type Probe = { ok: true; path: string; version: string } | { ok: false; problem: string };

/**
 * Find the Python that runs the graders and check that `modules` import in it (with the
 * grader environment, so a HOME-dependent install is judged as grading will see it).
 * Throws HarnessError PYTHON_MISSING with one line naming each interpreter tried, what was
 * wrong with it, and the fix.
 */
export async function resolveGraderPython(options: ResolvePythonOptions): Promise<GraderPython> {
  const candidates =
    options.explicit != null && options.explicit !== ''
      ? [options.explicit]
      : [...(options.fallbacks ?? ['/usr/bin/python3', 'python3'])];
  const problems: string[] = [];
  const scratch = await mkdtemp(path.join(tmpdir(), 'bench-python-probe-'));
  try {
    for (const candidate of candidates) {
      const probe = await probePython(candidate, options.modules, scratch);
      if (probe.ok) return { path: probe.path, version: probe.version };
      problems.push(probe.problem);
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  const modules = options.modules.join(' ');
  const apt = options.modules.map((m) => `python3-${m.split('.')[0]!.toLowerCase()}`).join(' ');
  throw new HarnessError(
    'PYTHON_MISSING',
    `No usable grader Python: ${problems.join('; ')}. Fix: apt-get install ${apt}, or pip install ${modules}, or pass --python PATH.`,
  );
}

async function probePython(candidate: string, modules: readonly string[], scratch: string): Promise<Probe> {
  const result = await execa(candidate, ['-c', PROBE, ...modules], {
    reject: false,
    timeout: 30_000,
    env: graderEnv(scratch),
    extendEnv: false,
    stdin: 'ignore',
  });
  if (result.failed && result.exitCode === undefined) {
    const why =
      (result as { code?: string }).code === 'ENOENT'
        ? 'not found'
        : result.timedOut
          ? 'timed out'
          : 'cannot be started';
    return { ok: false, problem: `${candidate} ${why}` };
  }
  let parsed: { version: string; executable: string; missing: string[] } | null = null;
  try {
    parsed = JSON.parse(String(result.stdout).trim().split('\n').pop() ?? '');
  } catch {
    parsed = null;
  }
  if (parsed === null || typeof parsed.version !== 'string' || !Array.isArray(parsed.missing)) {
    return { ok: false, problem: `${candidate} is not a working Python 3 (exit ${result.exitCode ?? 'none'})` };
  }
  if (parsed.missing.length > 0) {
    return { ok: false, problem: `${candidate} (Python ${parsed.version}) lacks ${parsed.missing.join(', ')}` };
  }
  const executable = path.isAbsolute(parsed.executable) ? parsed.executable : candidate;
  return { ok: true, path: executable, version: parsed.version };
}
