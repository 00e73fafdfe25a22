/**
 * The real Claude Code CLI through the proxy, in front of a scripted upstream that writes its tool
 * calls as text (Qwen3-Coder XML, then Hermes JSON) or has its call cut by the output limit:
 * - rescue on: Claude Code's own Write tool writes both files;
 * - rescue off: the run ends on the text (Claude Code runs nothing), and the record lists the call;
 * - a call cut at max_tokens is not run; Claude Code raises its limit and asks the model to go on;
 * - the sim's text-call personas (sim-qwen-xml, sim-hermes, sim-unclosed-think) in the ollama and
 *   anthropic dialects: with the rescue on, the whole task is done with Claude Code's own tools.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StreamEvent } from '../core/messages.ts';
import { type SimServer, startSimServer } from '../sim/server.ts';
import { lruPrompt } from '../sim/test-kit/conversations.ts';
import { claudeCodeEnv } from './claude-code-env.ts';
import { defaultProxyOptions } from './options.ts';
import { startProxy } from './server.ts';
import {
  messageEnd,
  messageStart,
  openSse,
  textMessage,
  type UpstreamHit,
  writeEvents,
} from './test-kit/fake-upstream.ts';
import { toolUseBlock } from './test-kit/rescue-frames.ts';
import { startTestProxy, type TestProxy } from './test-kit/test-proxy.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const claudeBin = path.join(repoRoot, 'node_modules/.bin/claude');
const code = 'class LRUCache:\n    def __init__(self, capacity):\n        self.capacity = capacity\n';
const tests = 'from lru_cache import LRUCache\n\n\ndef test_capacity():\n    assert LRUCache(2).capacity == 2\n';

let root: string;
let sim: SimServer;
let running: TestProxy | null = null;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'text-call-e2e-'));
  sim = await startSimServer({ timeScale: 0 });
  // Claude Code's Bash tool must find the grader Python (with pytest) as python3.
  await mkdir(path.join(root, 'bin'));
  await symlink('/usr/bin/python3', path.join(root, 'bin', 'python3'));
});
afterEach(async () => {
  await running?.close();
  running = null;
});
afterAll(async () => {
  await sim.close();
  await rm(root, { recursive: true, force: true });
});

/** How many tool results the conversation holds so far (which turn the model is on). */
function toolResults(hit: UpstreamHit): number {
  const messages = (hit.body.messages ?? []) as Array<{ content: unknown }>;
  return messages
    .flatMap((message) => (Array.isArray(message.content) ? message.content : []))
    .filter((block: { type?: string }) => block.type === 'tool_result').length;
}

/** A model that writes its calls as text: Qwen3-Coder XML first, Hermes JSON second, then done. */
function textCallingModel(workspace: string): (hit: UpstreamHit) => StreamEvent[] {
  const qwen =
    `I'll create the cache.\n<tool_call>\n<function=Write>\n<parameter=file_path>\n${workspace}/lru_cache.py\n` +
    `</parameter>\n<parameter=content>\n${code}</parameter>\n</function>\n</tool_call>`;
  const hermes = `<tool_call>\n${JSON.stringify({ name: 'Write', arguments: { file_path: `${workspace}/test_lru_cache.py`, content: tests } })}\n</tool_call>`;
  return (hit) => {
    const turn = toolResults(hit);
    const text = turn === 0 ? qwen : turn === 1 ? hermes : 'Both files are written.';
    return textMessage(text.match(/[\s\S]{1,7}/g) ?? []);
  };
}

async function runClaude(
  baseUrl: string,
  workspace: string,
  prompt = 'Write an LRU cache in lru_cache.py and its tests.',
  model = 'local-model',
): Promise<{ is_error: boolean; result: string }> {
  const cli = await execa(
    claudeBin,
    ['-p', prompt, '--model', model, '--output-format', 'json', '--dangerously-skip-permissions', '--max-turns', '10'],
    {
      cwd: workspace,
      extendEnv: false,
      env: {
        ...claudeCodeEnv(baseUrl, model),
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
  expect(cli.stdout, cli.stderr).not.toBe('');
  return JSON.parse(cli.stdout) as { is_error: boolean; result: string };
}

async function proxyFor(answer: (hit: UpstreamHit) => StreamEvent[], rescue: boolean): Promise<TestProxy> {
  running = await startTestProxy(
    (hit, res) => {
      openSse(res);
      writeEvents(res, answer(hit));
      res.end();
    },
    { rescue },
  );
  return running;
}

describe('Claude Code CLI and tool calls written as text', () => {
  it('with the rescue on, writes both files with its own Write tool', async () => {
    const workspace = await mkdtemp(path.join(root, 'ws-'));
    const { proxy } = await proxyFor(textCallingModel(workspace), true);
    const result = await runClaude(proxy.url, workspace);
    expect(result.is_error).toBe(false);
    expect((await readdir(workspace)).sort()).toEqual(['lru_cache.py', 'test_lru_cache.py']);
    expect(await readFile(path.join(workspace, 'lru_cache.py'), 'utf8')).toBe(code.trimEnd());
    const calls = proxy.exchanges().flatMap((record) => record.toolCalls);
    expect(calls.map((call) => [call.text?.format, call.validation.kind, call.rescued?.name])).toEqual([
      ['qwen3-coder-xml', 'valid', 'Write'],
      ['hermes-json', 'valid', 'Write'],
    ]);
  });

  it('with the rescue off, ends on the text and runs nothing, and the record still lists the call', async () => {
    const workspace = await mkdtemp(path.join(root, 'ws-'));
    const { proxy } = await proxyFor(textCallingModel(workspace), false);
    const result = await runClaude(proxy.url, workspace);
    expect(result).toMatchObject({ is_error: false });
    expect(result.result).toContain('<function=Write>');
    expect(await readdir(workspace)).toEqual([]);
    const calls = proxy.exchanges().flatMap((record) => record.toolCalls);
    expect(calls).toMatchObject([{ name: 'Write', validation: { kind: 'valid' }, text: { in: 'text' } }]);
    expect(calls[0]?.rescued).toBeUndefined();
  });
});

describe('Claude Code CLI and a tool call cut by the output limit', () => {
  it('does not run the cut call; it raises max_tokens and asks the model to resume', async () => {
    const workspace = await mkdtemp(path.join(root, 'ws-'));
    const cut: StreamEvent[] = [
      messageStart('upstream-model'),
      ...toolUseBlock(0, 'toolu_cut', 'Write', [`{"file_path": "${workspace}/lru_cache.py", "content": "class LRU`]),
      ...messageEnd('max_tokens', 20),
    ];
    const { proxy, upstream } = await proxyFor(
      (hit) => (upstream.hits.indexOf(hit) === 0 ? cut : textMessage(['Done.'])),
      false,
    );
    const result = await runClaude(proxy.url, workspace);
    expect(result.is_error).toBe(false);
    expect(await readdir(workspace)).toEqual([]);
    const [first, second] = upstream.hits;
    expect(Number(second?.body.max_tokens)).toBeGreaterThan(Number(first?.body.max_tokens));
    expect(toolResults(second as UpstreamHit)).toBe(0);
    const record = proxy.exchanges()[0];
    expect(record?.toolCalls).toMatchObject([{ id: 'toolu_cut', validation: { kind: 'truncated' } }]);
    expect(record?.rewrites.map((rewrite) => rewrite.kind)).toContain('truncated_tool_call');
  });
});

describe.each([
  ['sim-qwen-xml', 'ollama'],
  ['sim-qwen-xml', 'anthropic'],
  ['sim-hermes', 'ollama'],
  ['sim-hermes', 'anthropic'],
  ['sim-unclosed-think', 'anthropic'],
] as const)('Claude Code CLI, the rescue and %s (%s dialect)', (model, dialect) => {
  it("does the task with Claude Code's own tools: every text call is lifted and answered", async () => {
    const proxy = await startProxy(
      defaultProxyOptions({ dialect, baseUrl: sim.url, settings: { modelOverride: model }, rescue: true }),
    );
    try {
      const workspace = await mkdtemp(path.join(root, 'ws-'));
      const result = await runClaude(proxy.url, workspace, lruPrompt, model);
      expect(result.is_error).toBe(false);
      expect((await readdir(workspace)).filter((file) => file.endsWith('.py')).sort()).toEqual([
        'lru_cache.py',
        'test_lru_cache.py',
      ]);
      const calls = proxy.exchanges().flatMap((record) => record.toolCalls);
      expect(calls.length).toBeGreaterThanOrEqual(3);
      for (const call of calls)
        expect(call).toMatchObject({ validation: { kind: 'valid' }, rescued: { name: call.name } });
      // Each lifted call's id is the tool_use id Claude Code answered in the next request.
      const answered = JSON.stringify(proxy.exchanges().map((record) => record.request.body));
      for (const call of calls) expect(answered).toContain(`"tool_use_id":"${call.id}"`);
    } finally {
      await proxy.close();
    }
  });
});
