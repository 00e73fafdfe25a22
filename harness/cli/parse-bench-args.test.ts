import { describe, expect, it } from 'vitest';
import { isHarnessError } from '../core/errors.ts';
import { defaultOutDir, parseBenchArgs, safeName } from './parse-bench-args.ts';

const now = new Date('2026-11-22T10:15:00.123Z');

describe('parseBenchArgs', () => {
  it('applies the documented defaults', () => {
    const { settings, taskSelection } = parseBenchArgs(['--model', 'qwen3-coder:30b'], now);
    expect(taskSelection).toBe('all');
    expect(settings.modes).toEqual(['raw', 'agent']);
    expect(settings.backend).toBe('ollama');
    expect(settings.dialect).toBe('ollama');
    expect(settings.baseUrl).toBe('http://localhost:11434');
    expect(settings).toMatchObject({
      repeat: 1,
      numCtx: 32768,
      maxTokens: 8192,
      temperature: 0,
      think: false,
      rescue: false,
    });
    expect(settings.outDir).toBe('results/20261122T101500Z-qwen3-coder-30b');
  });

  it('splits a comma-separated model list and keeps its order', () => {
    const { settings } = parseBenchArgs(['--model', 'a,b:7b, c'], now);
    expect(settings.models).toEqual(['a', 'b:7b', 'c']);
  });

  it('uses the sim in the requested dialect', () => {
    const { settings } = parseBenchArgs(['--model', 'sim-correct', '--backend', 'sim', '--sim-dialect', 'openai'], now);
    expect(settings.backend).toBe('sim');
    expect(settings.dialect).toBe('openai');
    expect(settings.baseUrl).toBeNull();
  });

  it('imitates the server --sim-server names, ollama by default', () => {
    const given = parseBenchArgs(['--model', 'sim-ctx-4096', '--backend', 'sim', '--sim-server', 'llama-server'], now);
    expect(given.settings.simServer).toBe('llama-server');
    expect(parseBenchArgs(['--model', 'm', '--backend', 'sim'], now).settings.simServer).toBe('ollama');
  });

  it.each([
    [[], 4],
    [['--loop-limit', '2'], 2],
    [['--loop-limit', '0'], 0],
  ])('reads %j as loop limit %i (0: never stop)', (flags, limit) => {
    expect(parseBenchArgs(['--model', 'm', ...flags], now).settings.loopLimit).toBe(limit);
  });

  it.each([
    [['--model', 'm', '--mode', 'raw'], { modes: ['raw'] }],
    [['--model', 'm', '--mode', 'agent'], { modes: ['agent'] }],
    [
      ['--model', 'm', '--repeat', '3', '--num-ctx', '65536', '--max-tokens', '4096', '--timeout', '30'],
      { repeat: 3, numCtx: 65536, maxTokens: 4096, timeoutSec: 30 },
    ],
    [
      ['--model', 'm', '--backend', 'openai', '--base-url', 'http://127.0.0.1:8080/'],
      { backend: 'openai', baseUrl: 'http://127.0.0.1:8080' },
    ],
    [['--model', 'm', '--rescue', '--think'], { rescue: true, think: true }],
    [['--model', 'm', '--out', 'x/y'], { outDir: 'x/y' }],
  ])('parses %j', (argv, expected) => {
    expect(parseBenchArgs(argv, now).settings).toMatchObject(expected);
  });

  it.each([
    [[], /--model is required/],
    [['--model', 'm', '--mode', 'fast'], /--mode must be one of raw, agent, both; got "fast"/],
    [['--model', 'm', '--backend', 'lmstudio'], /--backend must be one of ollama, anthropic, openai, sim/],
    [['--model', 'm', '--repeat', '0'], /--repeat must be a positive whole number, got "0"/],
    [['--model', 'm', '--num-ctx', '32k'], /--num-ctx must be a positive whole number/],
    [['--model', 'm', '--timeout', '-5'], /--timeout needs a value, and values may not start with "-"/],
    [['--model', 'm', '--repeat'], /--repeat needs a value/],
    [['--model', 'm', '--backend', 'openai'], /--backend openai needs --base-url/],
    [['--model', 'm', '--base-url', 'localhost:11434'], /--base-url must be an http\(s\) URL/],
    [['--model', 'm', '--backend', 'sim', '--base-url', 'http://x'], /does not apply to --backend sim/],
    [['--model', 'm', '--frobnicate'], /Unknown option '--frobnicate'/],
    [['--model', 'm', '--task', 'LRU cache'], /--task must be a task id/],
    [['--model', 'a,a'], /lists a model twice/],
    [['--model', 'm', 'extra'], /Unexpected argument "extra"/],
    [
      ['--model', 'm', '--claude-version', '2.1'],
      /--claude-version takes exact versions \(2\.1\.85\), pinned or latest/,
    ],
    [['--model', 'm', '--claude-version', '2.1.85,^2.1.90'], /got "\^2\.1\.90"/],
    [['--model', 'm', '--mode', 'raw', '--claude-version', '2.1.85'], /--claude-version only applies to agent mode/],
    [['--model', 'm', '--loop-limit', 'four'], /--loop-limit must be a whole number ≥ 0 \(0: never stop\); got "four"/],
    [['--model', 'm', '--sim-server', 'vllm'], /--sim-server only applies with --backend sim/],
    [
      ['--model', 'm', '--backend', 'sim', '--sim-server', 'tgi'],
      /--sim-server must be one of ollama, llama-server, vllm, lm-studio/,
    ],
  ])('rejects %j with a one-line usage error', (argv, message) => {
    let caught: unknown;
    try {
      parseBenchArgs(argv, now);
    } catch (error) {
      caught = error;
    }
    expect(isHarnessError(caught)).toBe(true);
    const error = caught as Error & { code: string };
    expect(error.code).toBe('USAGE');
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('\n');
  });
});

describe('--claude-version', () => {
  it.each([
    [[], [], null],
    [['--claude-version', '2.1.85'], ['2.1.85'], null],
    [['--claude-version', 'v2.1.85, pinned,latest'], ['2.1.85', 'pinned', 'latest'], null],
    // Both flags: the --claude-version releases, then the --claude-bin binary (resolved at start-up).
    [['--claude-version', 'pinned', '--claude-bin', '/opt/claude'], ['pinned'], '/opt/claude'],
    [['--claude-bin', '/opt/claude'], [], '/opt/claude'],
  ])('%j → releases %j, binary %s', (flags, claudeVersions, claudeBin) => {
    const { settings } = parseBenchArgs(['--model', 'm', '--mode', 'agent', ...flags], now);
    expect(settings.claudeVersions).toEqual(claudeVersions);
    expect(settings.claudeBin).toBe(claudeBin);
  });
});

describe('output directory names', () => {
  it.each([
    ['gemma4:26b', 'gemma4-26b'],
    ['hf.co/org/model:Q4_K_M', 'hf.co-org-model-Q4_K_M'],
    [':::', 'model'],
  ])('makes %s safe as %s', (name, safe) => {
    expect(safeName(name)).toBe(safe);
  });

  it('stamps the UTC time', () => {
    expect(defaultOutDir('m', now)).toBe('results/20261122T101500Z-m');
  });
});

describe('limits', () => {
  it('records which limits the user gave, so the rest come from each task', () => {
    expect(parseBenchArgs(['--model', 'm'], now).settings.limitsGiven).toEqual({ timeout: false, maxTurns: false });
    expect(parseBenchArgs(['--model', 'm', '--timeout', '30', '--max-turns', '5'], now).settings.limitsGiven).toEqual({
      timeout: true,
      maxTurns: true,
    });
  });
});
