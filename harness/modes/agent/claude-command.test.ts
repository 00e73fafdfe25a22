import { describe, expect, it } from 'vitest';
import { claudeArgs, claudeEnv, dummyAuthToken } from './claude-command.ts';

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
  tmpDir: '/tmp/s/tmp',
  binDir: '/tmp/s/bin',
  timeoutSec: 600,
  maxTokens: 8192,
  numCtx: 32768,
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
    const env = claudeEnv({ ...input, timeoutSec });
    expect(env).toMatchObject({
      CLAUDE_CODE_MAX_RETRIES: '1',
      API_TIMEOUT_MS: apiTimeout,
      CLAUDE_BYTE_STREAM_IDLE_TIMEOUT_MS: idle,
      BASH_DEFAULT_TIMEOUT_MS: bash,
      CLAUDE_CODE_DISABLE_NONSTREAMING_FALLBACK: '1',
    });
  });

  it('caps output tokens and context at the bench settings', () => {
    const env = claudeEnv({ ...input, maxTokens: 4096, numCtx: 16384 });
    expect(env).toMatchObject({ CLAUDE_CODE_MAX_OUTPUT_TOKENS: '4096', CLAUDE_CODE_MAX_CONTEXT_TOKENS: '16384' });
  });
});

describe('claudeArgs', () => {
  it('runs print mode with stream-json, the turn limit and containment', () => {
    const args = claudeArgs({
      prompt: 'Write an LRU cache',
      model: 'm',
      maxTurns: 7,
      settingsFile: '/tmp/s/settings.json',
    });
    expect(args.slice(0, 2)).toEqual(['-p', 'Write an LRU cache']);
    const flag = (name: string) => args[args.indexOf(name) + 1];
    expect(flag('--output-format')).toBe('stream-json');
    expect(args).toContain('--verbose');
    expect(flag('--model')).toBe('m');
    expect(flag('--max-turns')).toBe('7');
    expect(flag('--permission-mode')).toBe('acceptEdits');
    expect(flag('--settings')).toBe('/tmp/s/settings.json');
    expect(args).not.toContain('--dangerously-skip-permissions');
  });
});
