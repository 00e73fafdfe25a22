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
import { lruPrompt } from './test-kit/conversations.ts';

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
  /** What Claude Code sent back for each call, in order. */
  toolResults: string[];
}

type StreamEvent = {
  type: string;
  message?: { content?: Array<{ type: string; name?: string; content?: unknown }> };
} & Partial<CliRun['result']>;

function toolResultText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part: { text?: string }) => part.text ?? '').join('');
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
    .map((line) => JSON.parse(line) as StreamEvent);
  const toolNames = events
    .filter((e) => e.type === 'assistant')
    .flatMap((e) => e.message?.content ?? [])
    .filter((b) => b.type === 'tool_use')
    .map((b) => b.name ?? '');
  const toolResults = events
    .filter((e) => e.type === 'user')
    .flatMap((e) => e.message?.content ?? [])
    .filter((b) => b.type === 'tool_result')
    .map((b) => toolResultText(b.content));
  const last = events.find((e) => e.type === 'result');
  expect(last, cli.stderr).toBeDefined();
  const result = {
    is_error: last?.is_error ?? true,
    result: last?.result ?? '',
    terminal_reason: last?.terminal_reason ?? '',
  };
  return { workspace, result, toolNames, toolResults };
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

  it('sim-qwen-xml: a call written as text ends the run, the text its result, nothing run', async () => {
    const before = sim.requests().length;
    const run = await runClaude('sim-qwen-xml', lruPrompt);
    expect(run.toolNames).toEqual([]);
    expect(run.result).toMatchObject({ is_error: false, terminal_reason: 'completed' });
    expect(run.result.result).toContain('<tool_call>\n<function=Write>\n<parameter=file_path>\n');
    expect(await readdir(run.workspace)).toEqual([]);
    expect(sim.requests().length - before).toBe(1);
  });

  it('sim-string-numbers: Claude Code converts "60000" and "50" itself but refuses "False", three times', async () => {
    const run = await runClaude('sim-string-numbers', lruPrompt);
    expect(run.toolNames).toEqual(['Write', 'Write', 'Bash', 'Read', 'Edit', 'Edit', 'Edit']);
    expect(run.toolResults[2]).toMatch(/1 failed, 4 passed/);
    expect(run.toolResults[3]).toMatch(/^\s*1\t/);
    for (const refused of run.toolResults.slice(4))
      expect(refused).toContain('The parameter `replace_all` type is expected as `boolean` but provided as `string`');
    expect(run.result.result).toMatch(/refused every time/);
  });

  it('sim-double-encoded: a JSON-string argument is refused character by character', async () => {
    const run = await runClaude('sim-double-encoded', lruPrompt);
    expect(run.toolNames).toEqual(['Bash', 'Bash', 'Bash']);
    expect(run.toolResults[0]).toContain('An unexpected parameter `0` was provided');
    expect(run.result.result).toMatch(/refused here/);
  });

  it('sim-truncated-call: a Write cut by max_tokens is refused as unparseable JSON, and it gives up after three', async () => {
    const run = await runClaude('sim-truncated-call', lruPrompt);
    expect(run.toolNames).toEqual(['Write', 'Write', 'Write']);
    for (const refused of run.toolResults) expect(refused).toContain('could not be parsed as JSON');
    expect(run.result.result).toMatch(/cut off/);
    expect(await readdir(run.workspace)).toEqual([]);
  });

  it('sim-empty-reply: an empty turn is retried once, then the run ends with an empty result', async () => {
    const before = sim.requests().length;
    const run = await runClaude('sim-empty-reply', lruPrompt);
    expect(run.result).toMatchObject({ is_error: false, result: '' });
    expect(sim.requests().length - before).toBe(2);
  });
});
