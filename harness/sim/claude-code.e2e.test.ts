/**
 * The real Claude Code CLI accepts the sim's Anthropic dialect: agent personas drive it through a
 * whole task on loopback (no proxy; the harness's own e2e tests go through the proxy).
 */
import { mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimServer } from './server.ts';
import { startSimServer } from './server.ts';
import { lruPrompt } from './testing/conversations.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const claudeBin = path.join(repoRoot, 'node_modules/.bin/claude');

let sim: SimServer;
let root: string;
beforeAll(async () => {
  sim = await startSimServer({ timeScale: 0 });
  root = await mkdtemp(path.join(os.tmpdir(), 'sim-cli-e2e-'));
  // Claude Code's Bash tool must find the grader Python (with pytest) as python3.
  await mkdir(path.join(root, 'bin'));
  await symlink('/usr/bin/python3', path.join(root, 'bin', 'python3'));
});
afterAll(async () => {
  await sim.close();
  await rm(root, { recursive: true, force: true });
});

interface CliRun {
  workspace: string;
  result: { is_error: boolean; result: string; terminal_reason: string };
  toolNames: string[];
}

async function runClaude(model: string, prompt: string): Promise<CliRun> {
  const workspace = await mkdtemp(path.join(root, `ws-${model}-`));
  const home = await mkdtemp(path.join(root, 'home-'));
  const tmp = await mkdtemp(path.join(root, 'tmp-'));
  const cli = await execa(
    claudeBin,
    [
      '-p',
      prompt,
      '--model',
      model,
      '--output-format',
      'stream-json',
      '--verbose',
      '--dangerously-skip-permissions',
      '--max-turns',
      '10',
    ],
    {
      cwd: workspace,
      extendEnv: false,
      env: {
        PATH: `${path.join(root, 'bin')}:${process.env.PATH ?? ''}`,
        HOME: home,
        CLAUDE_CODE_TMPDIR: tmp,
        ANTHROPIC_BASE_URL: sim.url,
        ANTHROPIC_AUTH_TOKEN: 'sim',
        CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
        DISABLE_TELEMETRY: '1',
        CLAUDE_CODE_MAX_RETRIES: '0',
        IS_SANDBOX: '1',
      },
      // With a piped stdin the CLI waits for input before it starts; give it none.
      stdin: 'ignore',
      reject: false,
      timeout: 60_000,
    },
  );
  const events = cli.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map(
      (line) => JSON.parse(line) as { type: string; message?: { content?: Array<{ type: string; name?: string }> } },
    );
  const toolNames = events
    .filter((e) => e.type === 'assistant')
    .flatMap((e) => e.message?.content ?? [])
    .filter((b) => b.type === 'tool_use')
    .map((b) => b.name ?? '');
  const result = events.find((e) => e.type === 'result') as unknown as CliRun['result'];
  expect(result, cli.stderr).toBeDefined();
  return { workspace, result, toolNames };
}

describe('Claude Code CLI against the sim (Anthropic dialect)', () => {
  it('sim-correct writes both files, runs pytest and reports 5 passed', async () => {
    const run = await runClaude('sim-correct', lruPrompt);
    expect(run.toolNames).toEqual(['Write', 'Write', 'Bash']);
    expect((await readdir(run.workspace)).filter((f) => f.endsWith('.py')).sort()).toEqual([
      'lru_cache.py',
      'test_lru_cache.py',
    ]);
    expect(run.result).toMatchObject({ is_error: false, terminal_reason: 'completed' });
    expect(run.result.result).toMatch(/5 passed/);
  });

  it('sim-write-file is refused three times, apologises and writes nothing', async () => {
    const run = await runClaude('sim-write-file', lruPrompt);
    expect(run.toolNames).toEqual(['write_file', 'write_file', 'write_file']);
    expect(await readdir(run.workspace)).toEqual([]);
    expect(run.result.result).toMatch(/write_file tool is not available/);
    expect(sim.requests().every((r) => r.path === '/v1/messages')).toBe(true);
  });
});
