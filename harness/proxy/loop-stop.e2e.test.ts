/**
 * Loops stopped with the real Claude Code CLI on the other side: a model that calls the same
 * tool again and again is cut off at the loop limit (the CLI gets a 400 saying why and ends), and
 * a model repeating one line inside its answer is stopped mid-stream with a well-formed message
 * end, which the CLI takes as a normal reply. Upstream: a scripted Anthropic-style server.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { anthropicDialect } from '../backends/index.ts';
import { claudeCodeEnv } from './claude-code-env.ts';
import type { LoopStop } from './loop-tracker.ts';
import {
  delay,
  openSse,
  textMessage,
  toolMessage,
  type UpstreamScript,
  writeEvents,
} from './test-kit/fake-upstream.ts';
import { startTestProxyWith, type TestProxy } from './test-kit/test-proxy.ts';
import type { ProxySession } from './types.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const claudeBin = path.join(repoRoot, 'node_modules/.bin/claude');

let root: string;
let running: TestProxy | null = null;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'loop-e2e-'));
});
afterEach(async () => {
  await running?.close();
  running = null;
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function runClaude(session: ProxySession): Promise<{ result: Record<string, unknown>; wallMs: number }> {
  const started = performance.now();
  const cli = await execa(
    claudeBin,
    [
      '-p',
      'List the files here.',
      '--model',
      'local-model',
      '--output-format',
      'json',
      '--dangerously-skip-permissions',
    ],
    {
      cwd: await mkdtemp(path.join(root, 'ws-')),
      extendEnv: false,
      env: {
        ...claudeCodeEnv(session.baseUrl, 'local-model'),
        PATH: process.env.PATH ?? '',
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
  const wallMs = performance.now() - started;
  if (cli.stdout.trim() === '')
    return { result: { noOutput: true, timedOut: cli.timedOut, stderr: cli.stderr }, wallMs };
  return { result: JSON.parse(cli.stdout) as Record<string, unknown>, wallMs };
}

async function proxyAnswering(script: UpstreamScript): Promise<ProxySession> {
  running = await startTestProxyWith(anthropicDialect, script);
  return running.proxy.openSession({ id: 'loop-e2e' });
}

describe('loops through the real Claude Code CLI', () => {
  it.each([
    ['with a fresh tool-call id each turn, as real servers send', true],
    ['with the same tool-call id each turn (Claude Code then re-sends the same request)', false],
  ])(
    'stops a model calling the same tool at the 4th call in a row %s; the CLI ends with the reason',
    async (_label, freshIds) => {
      const session = await proxyAnswering((hit, res) => {
        const id = freshIds ? `toolu_${running?.upstream.hits.indexOf(hit)}` : 'toolu_0';
        const events = toolMessage([{ name: 'Bash', json: ['{"command":"ls","description":"List files"}'] }]);
        openSse(res);
        writeEvents(
          res,
          events.map((event) =>
            event.type === 'content_block_start' && event.content_block.type === 'tool_use'
              ? { ...event, content_block: { ...event.content_block, id } }
              : event,
          ),
        );
        res.end();
      });
      const stops: LoopStop[] = [];
      session.onLoopStopped((stop) => stops.push(stop));
      const { result } = await runClaude(session);
      expect(stops).toHaveLength(1);
      expect(stops[0]?.loop).toMatchObject({ what: 'call', count: 4, stopped: true });
      expect(running?.upstream.hits).toHaveLength(4);
      expect(result).toMatchObject({ is_error: true });
      expect(String(result.result)).toMatch(/stopped this conversation/);
    },
  );

  it('stops a line repeated inside one answer; the CLI gets a complete message and ends normally', async () => {
    const line = 'I need to investigate this. Let me just paste the message.\n';
    const session = await proxyAnswering(async (_hit, res) => {
      openSse(res);
      writeEvents(res, textMessage(Array.from({ length: 251 }, () => line)).slice(0, 40));
      await delay(60_000); // still generating when the proxy gives up
      res.end();
    });
    const { result, wallMs } = await runClaude(session);
    expect(result).toMatchObject({ is_error: false, terminal_reason: 'completed' });
    expect(String(result.result)).toContain('I need to investigate this.');
    expect(wallMs).toBeLessThan(30_000);
    expect(session.exchanges().find((e) => e.kind === 'model')?.loop).toMatchObject({ what: 'stream', count: 16 });
  });
});
