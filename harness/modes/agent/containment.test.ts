import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containmentHookScript, containmentSettings, shellQuote } from './containment.ts';

const run = promisify(execFile);

let root: string;
let workspace: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'containment-'));
  workspace = path.join(root, 'workspace');
  await mkdir(workspace);
  await symlink(root, path.join(workspace, 'up'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Run the shipped hook the way Claude Code does: tool call JSON on stdin. */
async function hook(toolName: string, toolInput: Record<string, unknown>, log: string) {
  const child = run(process.execPath, [containmentHookScript, workspace, log, '/usr/bin/python3']);
  child.child.stdin?.end(
    JSON.stringify({ tool_name: toolName, tool_input: toolInput, tool_use_id: 'toolu_1', cwd: workspace }),
  );
  const { stdout } = await child;
  return stdout === ''
    ? null
    : (JSON.parse(stdout) as { hookSpecificOutput: { permissionDecision: string; permissionDecisionReason: string } });
}

describe('the containment hook', () => {
  it.each([
    ['Write', { file_path: '/etc/cron.d/x', content: '' }, '/etc/cron.d/x'],
    ['Write', { file_path: '../escape.py', content: '' }, '../escape.py'],
    ['Write', { path: '~/x.py', content: '' }, '~/x.py'],
    ['Edit', { file_path: 'up/outside.py', old_string: 'a', new_string: 'b' }, 'up/outside.py'],
    ['NotebookEdit', { notebook_path: '/tmp/n.ipynb', new_source: '' }, '/tmp/n.ipynb'],
    ['Bash', { command: 'echo x > /tmp/owned.txt' }, '/tmp/owned.txt'],
    ['Bash', { command: `python3 -c "open('/root/.bashrc','a').write('x')"` }, '/root/.bashrc'],
    ['Bash', { command: 'cd .. && touch escaped' }, '..'],
    ['Bash', { command: 'cp app.py $HOME/app.py' }, '$HOME/app.py'],
    ['Bash', { command: 'rm -rf /' }, '/'],
  ])('refuses %s %j and logs the target', async (tool, input, target) => {
    const log = path.join(root, `log-${Math.random()}.jsonl`);
    const answer = await hook(tool, input, log);
    expect(answer?.hookSpecificOutput.permissionDecision).toBe('deny');
    const entry = JSON.parse(await readFile(log, 'utf8')) as Record<string, unknown>;
    expect(entry).toMatchObject({ tool, target, toolUseId: 'toolu_1' });
  });

  it.each([
    ['Write', { file_path: 'lru_cache.py', content: 'x' }],
    ['Write', { file_path: 'WORKSPACE/pkg/app.py', content: 'x' }],
    ['Edit', { file_path: 'WORKSPACE/app.py', old_string: 'a', new_string: 'b' }],
    ['Bash', { command: 'pytest -q 2>/dev/null' }],
    ['Bash', { command: '/usr/bin/python3 -m pytest tests/test_app.py' }],
    ['Bash', { command: 'python3 -c "print(7 / 2)"' }],
    ['Bash', { command: `python3 -c "import httpx; print(httpx.get('http://127.0.0.1:8000/health'))"` }],
  ])('lets %s %j through', async (tool, input) => {
    const resolved = JSON.parse(JSON.stringify(input).replaceAll('WORKSPACE', workspace)) as Record<string, unknown>;
    const log = path.join(root, 'allowed.jsonl');
    expect(await hook(tool, resolved, log)).toBeNull();
    await expect(readFile(log, 'utf8')).rejects.toThrow();
  });
});

describe('containmentSettings', () => {
  it('allows the test runner, refuses pip and hooks every writing tool', () => {
    const settings = containmentSettings({
      nodeBin: '/usr/bin/node',
      hookScript: '/h/hook.mjs',
      workspace: '/w s',
      hookLog: '/l.jsonl',
      allowedOutsidePaths: ['/usr/bin/python3'],
    });
    expect(settings).toMatchObject({
      permissions: {
        allow: expect.arrayContaining(['Bash(pytest:*)', 'Bash(python3:*)']),
        deny: expect.arrayContaining(['Bash(pip:*)', 'Bash(python3 -m pip:*)']),
      },
    });
    const preToolUse = (settings.hooks as { PreToolUse: Array<{ matcher: string; hooks: Array<{ command: string }> }> })
      .PreToolUse[0];
    expect(preToolUse?.matcher.split('|')).toEqual(expect.arrayContaining(['Write', 'Edit', 'NotebookEdit', 'Bash']));
    expect(preToolUse?.hooks[0]?.command).toBe("/usr/bin/node /h/hook.mjs '/w s' /l.jsonl /usr/bin/python3");
  });

  it.each([
    ['plain', 'plain'],
    ['with space', "'with space'"],
    ["it's", "'it'\\''s'"],
  ])('shell-quotes %j', (word, quoted) => {
    expect(shellQuote(word)).toBe(quoted);
  });
});
