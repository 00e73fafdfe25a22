import { describe, expect, it } from 'vitest';
import { defaultProxyOptions, validateProxyOptions } from './options.ts';
import type { ProxyOptions } from './types.ts';

const base = { dialect: 'ollama' as const, baseUrl: 'http://localhost:11434' };

describe('defaultProxyOptions', () => {
  it('fills in rescue off, one request at a time, 10 s pings, local housekeeping, memory-only log, a free port', () => {
    const options = defaultProxyOptions(base);
    expect(options).toMatchObject({
      rescue: false,
      maxConcurrency: 1,
      pingIntervalMs: 10_000,
      housekeeping: { kind: 'local' },
      logFile: null,
      port: 0,
      loopLimit: 4,
      contextTokens: null,
      maxBodyBytes: 32 * 1024 * 1024,
    });
    expect(options.settings).toMatchObject({ numCtx: 32_768, think: false, maxTokensCap: null, modelOverride: null });
  });

  it('keeps what the caller gives, settings merged field by field', () => {
    const options = defaultProxyOptions({ ...base, port: 4000, rescue: true, settings: { modelOverride: 'qwen3:8b' } });
    expect(options.port).toBe(4000);
    expect(options.rescue).toBe(true);
    expect(options.settings.modelOverride).toBe('qwen3:8b');
    expect(options.settings.numCtx).toBe(32_768);
  });
});

describe('validateProxyOptions', () => {
  it.each<[string, Partial<ProxyOptions>, RegExp]>([
    ['a non-http upstream', { baseUrl: 'localhost:11434' }, /not an http\(s\) URL/],
    ['zero concurrency', { maxConcurrency: 0 }, /maxConcurrency/],
    ['a fractional concurrency', { maxConcurrency: 1.5 }, /maxConcurrency/],
    ['a zero ping interval', { pingIntervalMs: 0 }, /pingIntervalMs/],
    ['a port out of range', { port: 70_000 }, /not a TCP port/],
    ['a negative loop limit', { loopLimit: -1 }, /loopLimit/],
    ['a fractional loop limit', { loopLimit: 2.5 }, /loopLimit/],
    ['a zero context size', { contextTokens: 0 }, /contextTokens/],
    ['a zero body limit', { maxBodyBytes: 0 }, /maxBodyBytes/],
    ['an empty housekeeping model', { housekeeping: { kind: 'upstream_model', model: ' ' } }, /needs a model name/],
  ])('refuses %s with a USAGE error', (_label, change, message) => {
    const options = { ...defaultProxyOptions(base), ...change };
    expect(() => validateProxyOptions(options)).toThrow(
      expect.objectContaining({ code: 'USAGE', message: expect.stringMatching(message) }),
    );
  });

  it('accepts the defaults', () => {
    expect(() => validateProxyOptions(defaultProxyOptions(base))).not.toThrow();
  });
});
