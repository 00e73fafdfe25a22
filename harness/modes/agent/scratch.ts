/**
 * The throwaway directories of one agent run: the workspace the agent works in, its own HOME
 * and CLAUDE_CODE_TMPDIR (Claude Code keeps state in both), a bin directory of Python shims,
 * the containment settings and the hook's refusal log. All under one temporary root that is
 * removed after the run (the workspace's files are copied into the run directory first).
 */
import { chmod, mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { containmentHookScript, containmentSettings } from './containment.ts';

export interface AgentScratch {
  root: string;
  workspace: string;
  home: string;
  tmpDir: string;
  binDir: string;
  settingsFile: string;
  hookLog: string;
}

/**
 * Shell shims so the agent's `python3`, `python` and `pytest` are the grader Python (with
 * pytest, FastAPI and httpx), whatever interpreter comes first on the user's PATH. Pure.
 */
export function pythonShims(pythonPath: string): Record<'python3' | 'python' | 'pytest', string> {
  const quoted = `'${pythonPath.replaceAll("'", `'\\''`)}'`;
  return {
    python3: `#!/bin/sh\nexec ${quoted} "$@"\n`,
    python: `#!/bin/sh\nexec ${quoted} "$@"\n`,
    pytest: `#!/bin/sh\nexec ${quoted} -m pytest "$@"\n`,
  };
}

/** Create the scratch directories, shims and settings of one run. */
export async function prepareScratch(options: {
  runId: string;
  pythonPath: string;
  nodeBin: string;
}): Promise<AgentScratch> {
  const safeId = options.runId.replace(/[^\w.-]+/g, '_').slice(0, 60);
  // realpath: Claude Code reports its cwd resolved (macOS /var is /private/var).
  const root = await realpath(await mkdtemp(path.join(tmpdir(), `cc-agent-${safeId}-`)));
  const scratch: AgentScratch = {
    root,
    workspace: path.join(root, 'workspace'),
    home: path.join(root, 'home'),
    tmpDir: path.join(root, 'tmp'),
    binDir: path.join(root, 'bin'),
    settingsFile: path.join(root, 'settings.json'),
    hookLog: path.join(root, 'containment.jsonl'),
  };
  await Promise.all(
    [scratch.workspace, scratch.home, scratch.tmpDir, scratch.binDir].map((dir) => mkdir(dir, { recursive: true })),
  );
  for (const [name, script] of Object.entries(pythonShims(options.pythonPath))) {
    const file = path.join(scratch.binDir, name);
    await writeFile(file, script);
    await chmod(file, 0o755);
  }
  const settings = containmentSettings({
    nodeBin: options.nodeBin,
    hookScript: containmentHookScript,
    workspace: scratch.workspace,
    hookLog: scratch.hookLog,
    allowedOutsidePaths: [
      options.pythonPath,
      ...Object.keys(pythonShims('')).map((name) => path.join(scratch.binDir, name)),
    ],
  });
  await writeFile(scratch.settingsFile, `${JSON.stringify(settings, null, 2)}\n`);
  return scratch;
}

/** Remove the scratch root; never throws. */
export async function removeScratch(scratch: AgentScratch): Promise<void> {
  await rm(scratch.root, { recursive: true, force: true }).catch(() => undefined);
}
