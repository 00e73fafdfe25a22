import { describe, expect, it } from 'vitest';
import { formatProxyBanner } from './banner.ts';
import { claudeCodeEnv } from './claude-code-env.ts';
import { defaultProxyOptions } from './options.ts';

describe('claudeCodeEnv', () => {
  it('points Claude Code at the proxy with a dummy token and every model tier on the local model', () => {
    const env = claudeCodeEnv('http://127.0.0.1:4000/s/run-1', 'qwen3:8b');
    expect(env).toMatchObject({
      ANTHROPIC_BASE_URL: 'http://127.0.0.1:4000/s/run-1',
      ANTHROPIC_AUTH_TOKEN: 'dummy',
      ANTHROPIC_DEFAULT_OPUS_MODEL: 'qwen3:8b',
      ANTHROPIC_DEFAULT_SONNET_MODEL: 'qwen3:8b',
      ANTHROPIC_DEFAULT_HAIKU_MODEL: 'qwen3:8b',
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    });
    expect(Object.keys(env)).not.toContain('ANTHROPIC_API_KEY');
  });
});

describe('formatProxyBanner', () => {
  it('says where it listens and forwards, and prints ready-to-paste exports', () => {
    const options = defaultProxyOptions({
      dialect: 'ollama',
      baseUrl: 'http://localhost:11434',
      settings: { modelOverride: 'qwen3:8b' },
      rescue: true,
    });
    const banner = formatProxyBanner({ url: 'http://127.0.0.1:4000' }, options);
    expect(banner.split('\n')[0]).toBe(
      'Anthropic Messages proxy on http://127.0.0.1:4000 → ollama at http://localhost:11434',
    );
    expect(banner).toContain('  export ANTHROPIC_BASE_URL=http://127.0.0.1:4000');
    expect(banner).toContain('  export ANTHROPIC_DEFAULT_HAIKU_MODEL=qwen3:8b');
    expect(banner).toMatch(/rescue\s+on/);
    expect(banner).toMatch(/loops\s+stopped after 4 identical turns in a row \(--loop-limit\)/);
    expect(banner.trimEnd().endsWith('claude --model qwen3:8b')).toBe(true);
  });

  it('quotes model names the shell would split', () => {
    const options = defaultProxyOptions({
      dialect: 'openai',
      baseUrl: 'http://localhost:1234',
      settings: { modelOverride: "my model's v2" },
    });
    expect(formatProxyBanner({ url: 'http://127.0.0.1:4000' }, options)).toContain(
      `export ANTHROPIC_MODEL='my model'\\''s v2'`,
    );
  });

  it('says when loops are only recorded (--loop-limit 0)', () => {
    const options = defaultProxyOptions({ dialect: 'ollama', baseUrl: 'http://localhost:11434', loopLimit: 0 });
    expect(formatProxyBanner({ url: 'http://127.0.0.1:4000' }, options)).toMatch(/loops\s+recorded, never stopped/);
  });
});
