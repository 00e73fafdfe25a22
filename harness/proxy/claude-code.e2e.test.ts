/**
 * The product end to end: the real Claude Code CLI, pointed at a proxy session URL
 * (ANTHROPIC_BASE_URL=http://127.0.0.1:PORT/s/<id>), through the ollama dialect to the sim.
 * sim-write-file calls `write_file {path}`; with the rescue on, Claude Code receives `Write
 * {file_path}` and the task succeeds, while the record keeps what the model really sent.
 */
import { mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimServer, startSimServer } from '../sim/server.ts';
import { claudeCodeEnv } from './claude-code-env.ts';
import { defaultProxyOptions } from './options.ts';
import { startProxy } from './server.ts';
import type { ProxyHandle } from './types.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const claudeBin = path.join(repoRoot, 'node_modules/.bin/claude');
const prompt =
  'Implement a thread-safe LRU cache in Python using collections.OrderedDict and threading.Lock. Put it in lru_cache.py and five pytest tests in test_lru_cache.py.';

let sim: SimServer;
let proxy: ProxyHandle;
let root: string;
beforeAll(async () => {
  sim = await startSimServer({ timeScale: 0 });
  proxy = await startProxy(
    defaultProxyOptions({ dialect: 'ollama', baseUrl: sim.url, settings: { modelOverride: 'sim-write-file' } }),
  );
  root = await mkdtemp(path.join(os.tmpdir(), 'proxy-cli-e2e-'));
  // Claude Code's Bash tool must find the grader Python (with pytest) as python3.
  await mkdir(path.join(root, 'bin'));
  await symlink('/usr/bin/python3', path.join(root, 'bin', 'python3'));
});
afterAll(async () => {
  await proxy.close();
  await sim.close();
  await rm(root, { recursive: true, force: true });
});

describe('Claude Code CLI through the proxy', () => {
  it('keeps the session path prefix and, with the rescue on, turns write_file into a working Write', async () => {
    const session = proxy.openSession({ id: 'e2e-rescue', rescue: true });
    const workspace = await mkdtemp(path.join(root, 'ws-'));
    const cli = await execa(
      claudeBin,
      [
        '-p',
        prompt,
        '--model',
        'sim-write-file',
        '--output-format',
        'json',
        '--dangerously-skip-permissions',
        '--max-turns',
        '10',
      ],
      {
        cwd: workspace,
        extendEnv: false,
        env: {
          ...claudeCodeEnv(session.baseUrl, 'sim-write-file'),
          PATH: `${path.join(root, 'bin')}:${process.env.PATH ?? ''}`,
          HOME: await mkdtemp(path.join(root, 'home-')),
          CLAUDE_CODE_TMPDIR: await mkdtemp(path.join(root, 'tmp-')),
          CLAUDE_CODE_MAX_RETRIES: '0',
          IS_SANDBOX: '1',
        },
        stdin: 'ignore',
        reject: false,
        timeout: 90_000,
      },
    );
    const result = JSON.parse(cli.stdout) as { is_error: boolean; terminal_reason: string };
    expect(result, cli.stderr).toMatchObject({ is_error: false, terminal_reason: 'completed' });
    expect((await readdir(workspace)).filter((file) => file.endsWith('.py')).sort()).toEqual([
      'lru_cache.py',
      'test_lru_cache.py',
    ]);

    const records = session.exchanges();
    expect(records.length).toBeGreaterThanOrEqual(3);
    expect(records.every((record) => record.request.path.startsWith('/s/e2e-rescue/v1/messages'))).toBe(true);
    expect(proxy.exchanges().filter((record) => record.sessionId === 'default')).toEqual([]);
    const writes = records.flatMap((record) => record.toolCalls).filter((call) => call.name === 'write_file');
    expect(writes).toHaveLength(2);
    for (const call of writes) {
      expect(call.validation.kind).toBe('unknown_tool');
      expect(call.rescued?.name).toBe('Write');
    }
  });
});
