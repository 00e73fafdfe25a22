import { describe, expect, it } from 'vitest';
import { claudeArgs, claudeEnv, dummyAuthToken, runLimits } from './claude-command.ts';
import { measuredSupport } from './claude-controls/measured-support.ts';
import type { ReleaseControls } from './claude-controls/plan-controls.ts';
import { planControls } from './claude-controls/plan-controls.ts';

/** The controls of a release by the measured table. */
function controlsOf(version: string): ReleaseControls {
  const names = measuredSupport(version);
  if (names === null) throw new Error(`${version} is outside the measured range`);
  return planControls({ source: 'table', names });
}

const limits = (o: { timeoutSec?: number; maxTokens?: number; numCtx?: number; maxTurns?: number } = {}) =>
  runLimits({ timeoutSec: 600, maxTokens: 8192, numCtx: 32768, maxTurns: 30, tmpDir: '/tmp/s/tmp', ...o });

const parentEnv = {
  PATH: '/usr/local/bin:/usr/bin',
  LANG: 'C.UTF-8',
  HOME: '/root',
  ANTHROPIC_API_KEY: 'sk-ant-real',
  ANTHROPIC_BASE_URL: 'https://api.anthropic.com',
  OPENAI_API_KEY: 'sk-openai',
  AWS_SECRET_ACCESS_KEY: 'aws',
  GITHUB_TOKEN: 'ghp',
  HTTPS_PROXY: 'http://corp-proxy:3128',
  DB_PASSWORD: 'hunter2',
  CLAUDE_CODE_USE_BEDROCK: '1',
};

const input = {
  parentEnv,
  baseUrl: 'http://127.0.0.1:4000/s/run-1',
  model: 'qwen3-coder:30b',
  home: '/tmp/s/home',
  binDir: '/tmp/s/bin',
  controls: controlsOf('2.1.328'),
  limits: limits(),
  isSecret: (name: string) => /KEY|TOKEN|SECRET|PASSWORD/.test(name),
};

describe('claudeEnv', () => {
  it('passes none of the user secrets, provider switches or proxies', () => {
    const env = claudeEnv(input);
    const values = Object.values(env);
    for (const secret of [
      'sk-ant-real',
      'sk-openai',
      'aws',
      'ghp',
      'hunter2',
      'http://corp-proxy:3128',
      'https://api.anthropic.com',
    ]) {
      expect(values).not.toContain(secret);
    }
    expect(env).not.toHaveProperty('CLAUDE_CODE_USE_BEDROCK');
    expect(env).not.toHaveProperty('ANTHROPIC_API_KEY');
  });

  it('drops an allowlisted name the secret test rejects', () => {
    const env = claudeEnv({ ...input, isSecret: (name) => name === 'LANG' });
    expect(env).not.toHaveProperty('LANG');
  });

  it('points Claude Code at the proxy session with a placeholder credential and the model everywhere', () => {
    const env = claudeEnv(input);
    expect(env).toMatchObject({
      ANTHROPIC_BASE_URL: 'http://127.0.0.1:4000/s/run-1',
      ANTHROPIC_AUTH_TOKEN: dummyAuthToken,
      ANTHROPIC_DEFAULT_OPUS_MODEL: 'qwen3-coder:30b',
      ANTHROPIC_DEFAULT_SONNET_MODEL: 'qwen3-coder:30b',
      ANTHROPIC_DEFAULT_HAIKU_MODEL: 'qwen3-coder:30b',
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
      DISABLE_TELEMETRY: '1',
    });
  });

  it('isolates state and puts the Python shims first on PATH', () => {
    const env = claudeEnv(input);
    expect(env).toMatchObject({
      HOME: '/tmp/s/home',
      CLAUDE_CODE_TMPDIR: '/tmp/s/tmp',
      TMPDIR: '/tmp/s/tmp',
      LANG: 'C.UTF-8',
    });
    expect(env.PATH).toBe('/tmp/s/bin:/usr/local/bin:/usr/bin');
  });

  it.each([
    [600, '600000', '120000', '120000'],
    [30, '30000', '30000', '30000'],
  ])('bounds retries and timeouts by a %is run limit', (timeoutSec, apiTimeout, idle, bash) => {
    const env = claudeEnv({ ...input, limits: limits({ timeoutSec }) });
    expect(env).toMatchObject({
      CLAUDE_CODE_MAX_RETRIES: '1',
      API_TIMEOUT_MS: apiTimeout,
      CLAUDE_BYTE_STREAM_IDLE_TIMEOUT_MS: idle,
      BASH_DEFAULT_TIMEOUT_MS: bash,
      CLAUDE_CODE_DISABLE_NONSTREAMING_FALLBACK: '1',
    });
  });

  it('caps output tokens and context at the bench settings', () => {
    const env = claudeEnv({ ...input, limits: limits({ maxTokens: 4096, numCtx: 16384 }) });
    expect(env).toMatchObject({ CLAUDE_CODE_MAX_OUTPUT_TOKENS: '4096', CLAUDE_CODE_MAX_CONTEXT_TOKENS: '16384' });
  });

  it('bounds 2.1.85 through the equivalents it has and leaves out what it would not read', () => {
    const env = claudeEnv({ ...input, controls: controlsOf('2.1.85'), limits: limits({ numCtx: 16384 }) });
    expect(env).toMatchObject({
      CLAUDE_CODE_MAX_RETRIES: '1',
      API_TIMEOUT_MS: '600000',
      CLAUDE_CODE_DISABLE_NONSTREAMING_FALLBACK: '1',
      DISABLE_AUTO_COMPACT: '1',
      CLAUDE_CODE_TMPDIR: '/tmp/s/tmp',
    });
    for (const name of [
      'CLAUDE_CODE_MAX_CONTEXT_TOKENS',
      'CLAUDE_CODE_AUTO_COMPACT_WINDOW',
      'CLAUDE_BYTE_STREAM_IDLE_TIMEOUT_MS',
      'CLAUDE_ENABLE_BYTE_WATCHDOG',
      'CLAUDE_STREAM_IDLE_TIMEOUT_MS',
      // Its event watchdog ignores the proxy's pings and would cut a slow prefill.
      'CLAUDE_ENABLE_STREAM_WATCHDOG',
    ]) {
      expect(env).not.toHaveProperty(name);
    }
  });

  it('uses the byte watchdog switch where the byte idle variable is missing (2.1.105–2.1.156)', () => {
    const env = claudeEnv({ ...input, controls: controlsOf('2.1.120') });
    expect(env).toMatchObject({
      CLAUDE_ENABLE_BYTE_WATCHDOG: '1',
      CLAUDE_STREAM_IDLE_TIMEOUT_MS: '120000',
      CLAUDE_CODE_MAX_CONTEXT_TOKENS: '32768',
    });
    expect(env).not.toHaveProperty('CLAUDE_BYTE_STREAM_IDLE_TIMEOUT_MS');
  });
});

describe('claudeArgs', () => {
  it('runs print mode with stream-json, the turn limit and containment', () => {
    const args = claudeArgs({
      prompt: 'Write an LRU cache',
      model: 'm',
      settingsFile: '/tmp/s/settings.json',
      controls: controlsOf('2.1.328'),
      limits: limits({ maxTurns: 7 }),
    });
    expect(args.slice(0, 2)).toEqual(['-p', 'Write an LRU cache']);
    const flag = (name: string) => args[args.indexOf(name) + 1];
    expect(flag('--output-format')).toBe('stream-json');
    expect(args).toContain('--verbose');
    expect(flag('--model')).toBe('m');
    expect(flag('--max-turns')).toBe('7');
    expect(flag('--permission-mode')).toBe('acceptEdits');
    expect(flag('--settings')).toBe('/tmp/s/settings.json');
    expect(args).toContain('--no-session-persistence');
    expect(args).not.toContain('--dangerously-skip-permissions');
  });

  it('leaves out --no-session-persistence for a release without it (2.0.50) and keeps the turn limit', () => {
    const args = claudeArgs({
      prompt: 'p',
      model: 'm',
      settingsFile: '/tmp/s/settings.json',
      controls: controlsOf('2.0.50'),
      limits: limits({ maxTurns: 7 }),
    });
    expect(args).not.toContain('--no-session-persistence');
    expect(args[args.indexOf('--max-turns') + 1]).toBe('7');
  });
});
