import { describe, expect, it } from 'vitest';
import { requiredNames, scannedNames } from './control-table.ts';
import { measuredSupport } from './measured-support.ts';
import { controlArgs, controlEnv, missingRequiredNames, planControls, shortfallLines } from './plan-controls.ts';

function tableSupport(version: string) {
  const names = measuredSupport(version);
  if (names === null) throw new Error(`${version} is outside the measured range`);
  return { source: 'table' as const, names };
}

const input = { runMs: 600_000, maxTokens: 8192, numCtx: 32768, maxTurns: 30, tmpDir: '/tmp/run' };

describe('planControls', () => {
  it.each([
    ['2.1.328', []],
    ['2.1.157', []],
    ['2.1.156', [['streamIdleTimeout', 'substituted']]],
    ['2.1.105', [['streamIdleTimeout', 'substituted']]],
    ['2.1.98', [['streamIdleTimeout', 'unsupported']]],
    [
      '2.1.85',
      [
        ['streamIdleTimeout', 'unsupported'],
        ['contextWindow', 'unsupported'],
      ],
    ],
    [
      '2.1.81',
      [
        ['streamIdleTimeout', 'unsupported'],
        ['nonStreamingFallback', 'unsupported'],
        ['contextWindow', 'unsupported'],
      ],
    ],
    [
      '2.1.50',
      [
        ['streamIdleTimeout', 'unsupported'],
        ['nonStreamingFallback', 'unsupported'],
        ['contextWindow', 'unsupported'],
      ],
    ],
    [
      '2.0.50',
      [
        ['streamIdleTimeout', 'unsupported'],
        ['nonStreamingFallback', 'unsupported'],
        ['contextWindow', 'unsupported'],
        ['autoCompact', 'unsupported'],
        ['tmpDir', 'unsupported'],
        ['sessionPersistence', 'unsupported'],
      ],
    ],
  ])('%s falls short in %j', (version, expected) => {
    const controls = planControls(tableSupport(version));
    expect(controls.shortfalls.map((s) => [s.control, s.status])).toEqual(expected);
  });

  it('takes every preferred way when everything is assumed', () => {
    const controls = planControls({ source: 'assumed', names: new Set(scannedNames()) });
    expect(controls.source).toBe('assumed');
    expect(new Set(Object.values(controls.ways))).toEqual(new Set([0]));
    expect(controls.shortfalls).toEqual([]);
  });

  it('says what 2.1.85 lacks in one line per control', () => {
    expect(shortfallLines(planControls(tableSupport('2.1.85')))).toEqual([
      'streamIdleTimeout: unsupported — no byte-stream watchdog; a stalled stream ends at the run limit',
      'contextWindow: unsupported — the CLI assumes a 200K window; a prompt the server cuts is reported as context_truncated',
    ]);
  });
});

describe('controlEnv and controlArgs', () => {
  it('set the pinned release bounds from the run limits', () => {
    const controls = planControls(tableSupport('2.1.328'));
    expect(controlEnv(controls, input)).toEqual({
      CLAUDE_CODE_MAX_RETRIES: '1',
      API_TIMEOUT_MS: '600000',
      CLAUDE_BYTE_STREAM_IDLE_TIMEOUT_MS: '120000',
      CLAUDE_CODE_DISABLE_NONSTREAMING_FALLBACK: '1',
      CLAUDE_CODE_MAX_OUTPUT_TOKENS: '8192',
      CLAUDE_CODE_MAX_CONTEXT_TOKENS: '32768',
      DISABLE_AUTO_COMPACT: '1',
      BASH_DEFAULT_TIMEOUT_MS: '120000',
      BASH_MAX_TIMEOUT_MS: '300000',
      CLAUDE_CODE_TMPDIR: '/tmp/run',
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
      DISABLE_TELEMETRY: '1',
      DISABLE_AUTOUPDATER: '1',
      DISABLE_ERROR_REPORTING: '1',
    });
    expect(controlArgs(controls, input)).toEqual(['--max-turns', '30', '--no-session-persistence']);
  });
});

describe('missingRequiredNames', () => {
  it('names what a release lacks to be driven at all', () => {
    const names = new Set(requiredNames.filter((n) => n !== '--settings' && n !== '--permission-mode'));
    expect(missingRequiredNames({ source: 'scan', names })).toEqual(['--permission-mode', '--settings']);
  });
});
