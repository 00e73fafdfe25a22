import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { prepareScratch, pythonShims, removeScratch } from './scratch.ts';

const run = promisify(execFile);

describe('prepareScratch', () => {
  it('gives the agent shims that run pytest and Python from the grader interpreter', async () => {
    const scratch = await prepareScratch({
      runId: 'model:x/y__task',
      pythonPath: '/usr/bin/python3',
      nodeBin: process.execPath,
    });
    try {
      expect(path.basename(scratch.root)).toMatch(/^cc-agent-model_x_y__task-/);
      const env = { PATH: `${scratch.binDir}:/usr/bin:/bin` };
      const { stdout: exe } = await run('python3', ['-c', 'import sys, fastapi; print(sys.executable)'], {
        env,
        cwd: scratch.workspace,
      });
      expect(exe.trim()).toBe('/usr/bin/python3');
      const { stdout, stderr } = await run('pytest', ['--version'], { env, cwd: scratch.workspace });
      expect(`${stdout}${stderr}`).toMatch(/pytest \d+\.\d+/);
      const settings = JSON.parse(await readFile(scratch.settingsFile, 'utf8')) as {
        hooks: { PreToolUse: Array<{ hooks: Array<{ command: string }> }> };
      };
      expect(settings.hooks.PreToolUse[0]?.hooks[0]?.command).toContain(scratch.workspace);
    } finally {
      await removeScratch(scratch);
    }
  });

  it('quotes an interpreter path with spaces and quotes in the shims', () => {
    expect(pythonShims("/opt/my py/it's/python3").pytest).toBe(
      `#!/bin/sh\nexec '/opt/my py/it'\\''s/python3' -m pytest "$@"\n`,
    );
  });
});
