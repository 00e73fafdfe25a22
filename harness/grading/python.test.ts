import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isHarnessError } from '../core/errors.ts';
import { resolveGraderPython } from './python.ts';

let dir: string;
let lacking: string;
let broken: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'python-test-'));
  lacking = path.join(dir, 'python-lacking');
  broken = path.join(dir, 'python-broken');
  // Answers the probe like a Python that has pytest but not fastapi/httpx.
  await writeFile(
    lacking,
    '#!/bin/sh\necho \'{"version": "3.9.1", "executable": "/opt/fake/python", "missing": ["fastapi", "httpx"]}\'\n',
  );
  await writeFile(broken, '#!/bin/sh\necho "this is not python" >&2\nexit 3\n');
  await chmod(lacking, 0o755);
  await chmod(broken, 0o755);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function messageOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isHarnessError(error) && error.code === 'PYTHON_MISSING') return error.message;
    throw error;
  }
  throw new Error('expected PYTHON_MISSING');
}

describe('resolveGraderPython', () => {
  it('finds /usr/bin/python3 with pytest, fastapi and httpx', async () => {
    const python = await resolveGraderPython({ modules: ['pytest', 'fastapi', 'httpx'] });
    expect(path.isAbsolute(python.path)).toBe(true);
    expect(python.version).toMatch(/^3\.\d+\.\d+$/);
  });

  it('names the missing modules of an explicit interpreter, and the fix, in one line', async () => {
    const message = await messageOf(
      resolveGraderPython({ explicit: lacking, modules: ['pytest', 'fastapi', 'httpx'] }),
    );
    expect(message).toBe(
      `No usable grader Python: ${lacking} (Python 3.9.1) lacks fastapi, httpx. ` +
        'Fix: apt-get install python3-pytest python3-fastapi python3-httpx, or pip install pytest fastapi httpx, or pass --python PATH.',
    );
    expect(message).not.toContain('\n');
  });

  it('does not fall back to another interpreter when --python is given', async () => {
    const message = await messageOf(resolveGraderPython({ explicit: path.join(dir, 'nope'), modules: ['pytest'] }));
    expect(message).toContain(`${path.join(dir, 'nope')} not found`);
    expect(message).not.toContain('/usr/bin/python3');
  });

  it('lists every fallback it tried with what was wrong', async () => {
    const message = await messageOf(
      resolveGraderPython({ modules: ['pytest', 'fastapi'], fallbacks: [path.join(dir, 'absent'), broken, lacking] }),
    );
    expect(message).toContain(
      `${path.join(dir, 'absent')} not found; ${broken} is not a working Python 3 (exit 3); ${lacking} (Python 3.9.1) lacks fastapi, httpx.`,
    );
    expect(message).toContain(
      'apt-get install python3-pytest python3-fastapi, or pip install pytest fastapi, or pass --python PATH.',
    );
  });

  it('takes the first fallback that has the modules and reports its real executable', async () => {
    const python = await resolveGraderPython({ modules: ['json'], fallbacks: [broken, '/usr/bin/python3'] });
    expect(python.path).toMatch(/python3/);
  });
});
