/**
 * What the pinned Claude Code CLI does with the context errors the dialects produce (the mapping in
 * shared/anthropic-context-message.ts): it lowers max_tokens and retries for an output-budget
 * overflow, and ends with terminal_reason prompt_too_long for a prompt that does not fit. Runs the
 * real CLI (node_modules/.bin/claude) offline against a scripted server on loopback.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeOpenAiError } from './openai/decode-error.ts';
import { errorFixtures } from './test-kit/error-fixtures.ts';
import { type ScriptedAnthropic, startScriptedAnthropic } from './test-kit/scripted-anthropic.ts';

const run = promisify(execFile);
const claude = new URL('../../node_modules/.bin/claude', import.meta.url).pathname;
let server: ScriptedAnthropic | null = null;
let home: string | null = null;
afterEach(async () => {
  await server?.close();
  if (home !== null) await rm(home, { recursive: true, force: true });
  server = null;
  home = null;
});

async function claudeAgainst(url: string): Promise<{ terminalReason: string; isError: boolean }> {
  home = await mkdtemp(path.join(tmpdir(), 'cc-context-'));
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    CLAUDE_CODE_TMPDIR: home,
    ANTHROPIC_BASE_URL: url,
    ANTHROPIC_AUTH_TOKEN: 'local',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_TELEMETRY: '1',
    // As the agent runner sets them (modes/agent/claude-command.ts): the max_tokens recovery uses a
    // retry, so with 0 retries Claude Code gives up instead.
    CLAUDE_CODE_MAX_RETRIES: '1',
    CLAUDE_CODE_MAX_OUTPUT_TOKENS: '8192',
    IS_SANDBOX: '1',
  };
  const args = ['-p', 'say done', '--model', 'qwen3:8b', '--output-format', 'json', '--max-turns', '2'];
  const result = await run(claude, args, { env, cwd: home, timeout: 90_000 }).catch((error: { stdout?: string }) => ({
    stdout: error.stdout ?? '',
  }));
  const final = JSON.parse(result.stdout) as { terminal_reason: string; is_error: boolean };
  return { terminalReason: final.terminal_reason, isError: final.is_error };
}

describe('Claude Code 2.1.328 and the context errors the dialects produce', () => {
  it("lowers max_tokens to window − prompt − 1000 and retries for vLLM's output-budget overflow", async () => {
    const fixture = errorFixtures()['vllm-output-budget-0.10.json']!;
    const error = decodeOpenAiError(fixture.status, fixture.body);
    expect(error.category).toBe('output_budget');
    server = await startScriptedAnthropic(error.message);
    const outcome = await claudeAgainst(server.url);
    expect(server.maxTokens).toEqual([8192, 32768 - 24577 - 1000]);
    expect(outcome).toEqual({ terminalReason: 'completed', isError: false });
  });

  it('ends the run as prompt_too_long, without retrying, for a prompt over the window', async () => {
    const fixture = errorFixtures()['vllm-decoder-prompt.json']!;
    const error = decodeOpenAiError(fixture.status, fixture.body);
    expect(error.category).toBe('prompt_too_long');
    server = await startScriptedAnthropic(error.message);
    const outcome = await claudeAgainst(server.url);
    expect(server.maxTokens).toEqual([8192]);
    expect(outcome).toEqual({ terminalReason: 'prompt_too_long', isError: true });
  });
});
