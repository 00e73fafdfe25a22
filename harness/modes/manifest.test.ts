import { describe, expect, it } from 'vitest';
import type { BenchSettings } from '../config/types.ts';
import { HarnessError } from '../core/errors.ts';
import { planControls } from './agent/claude-controls/plan-controls.ts';
import type { ClaudeRelease } from './context.ts';
import { buildManifest, manifestDifferences, parseManifest, settingsHash } from './manifest.ts';

const settings: BenchSettings = {
  models: ['a', 'b'],
  tasks: ['lru-cache'],
  modes: ['raw', 'agent'],
  backend: 'sim',
  dialect: 'ollama',
  simServer: 'ollama',
  baseUrl: 'http://127.0.0.1:40001',
  outDir: 'results/x',
  repeat: 2,
  numCtx: 32768,
  maxTokens: 8192,
  temperature: 0,
  think: false,
  timeoutSec: 600,
  maxTurns: 30,
  limitsGiven: { timeout: false, maxTurns: false },
  rescue: false,
  loopLimit: 4,
  measureFixability: true,
  python: null,
  claudeVersions: [],
  claudeBin: null,
  resumeDir: null,
  debug: false,
};

function release(
  version: string,
  source: ClaudeRelease['source'] = 'cache',
  bin = `/c/${version}/cli.js`,
): ClaudeRelease {
  const controls = planControls({ source: 'assumed', names: new Set() });
  return { version, bin, controls, requested: [source === 'explicit' ? '--claude-bin' : version], source };
}

const startedAt = '2026-01-01T00:00:00.000Z';
const manifest = (s: Partial<BenchSettings> = {}, releases: ClaudeRelease[] = [], tasks = { 'lru-cache': 'f1' }) =>
  buildManifest({ ...settings, ...s }, tasks, releases, startedAt);

describe('settings hash', () => {
  it('ignores where results go and the sim port', () => {
    const moved = { ...settings, outDir: 'elsewhere', baseUrl: 'http://127.0.0.1:40002', debug: true };
    expect(settingsHash(moved, { 'lru-cache': 'f1' })).toBe(settingsHash(settings, { 'lru-cache': 'f1' }));
  });

  it.each([
    ['repeat', { repeat: 3 }],
    ['models', { models: ['a'] }],
    ['maxTokens', { maxTokens: 4096 }],
    ['rescue', { rescue: true }],
  ])('changes when %s changes', (_name, change) => {
    expect(settingsHash({ ...settings, ...change }, { 'lru-cache': 'f1' })).not.toBe(
      settingsHash(settings, { 'lru-cache': 'f1' }),
    );
  });

  it('changes when a task definition changes', () => {
    expect(settingsHash(settings, { 'lru-cache': 'f2' })).not.toBe(settingsHash(settings, { 'lru-cache': 'f1' }));
  });

  it('does not change with the Claude Code releases: they are an axis of the runs, like the models', () => {
    expect(manifest({}, [release('2.1.85')]).settingsHash).toBe(manifest({}, [release('2.1.332')]).settingsHash);
  });
});

describe('manifestDifferences', () => {
  it('names each differing setting and task', () => {
    expect(manifestDifferences(manifest(), manifest({ repeat: 3 }, [], { 'lru-cache': 'f2' }))).toEqual([
      'repeat was 2, now 3',
      'task lru-cache definition changed',
    ]);
  });

  it('is empty for the same settings and releases, whatever order the releases were named in', () => {
    const a = manifest({}, [release('2.1.85'), release('2.1.328', 'project')]);
    const b = manifest({ outDir: 'z' }, [release('2.1.328', 'project'), release('2.1.85')]);
    expect(manifestDifferences(a, b)).toEqual([]);
  });

  it.each([
    [
      'latest moved on',
      [release('2.1.328', 'project'), release('2.1.330')],
      [release('2.1.328', 'project'), release('2.1.332')],
      'Claude Code releases were 2.1.328, 2.1.330, now 2.1.328, 2.1.332',
    ],
    [
      'a release dropped',
      [release('2.1.85'), release('2.1.328')],
      [release('2.1.328')],
      'were 2.1.85, 2.1.328, now 2.1.328',
    ],
    ['agent mode added', [], [release('2.1.328')], 'Claude Code releases were none, now 2.1.328'],
    [
      'another --claude-bin of the same version',
      [release('2.1.90', 'explicit', '/opt/a/claude')],
      [release('2.1.90', 'explicit', '/opt/b/claude')],
      '--claude-bin was /opt/a/claude, now /opt/b/claude',
    ],
  ])('names the Claude Code difference when %s', (_what, before, after, difference) => {
    expect(manifestDifferences(manifest({}, before), manifest({}, after))).toEqual([
      expect.stringContaining(difference),
    ]);
  });

  it('names limits given by flag that are now taken from the task', () => {
    const given = manifest({ limitsGiven: { timeout: true, maxTurns: false } });
    expect(manifestDifferences(given, manifest())).toEqual([
      'limitsGiven was {"timeout":true,"maxTurns":false}, now {"timeout":false,"maxTurns":false}',
    ]);
  });
});

describe('parseManifest', () => {
  const written = manifest({}, [release('2.1.85'), release('2.1.328', 'project')]);

  it('reads back what buildManifest wrote', () => {
    expect(parseManifest(JSON.stringify(written), 'dir')).toEqual(written);
  });

  const refusal = (text: string): string => {
    try {
      parseManifest(text, 'results/x');
    } catch (error) {
      if (error instanceof HarnessError) return `${error.code}: ${error.message}`;
      throw error;
    }
    throw new Error('parseManifest accepted it');
  };

  it.each([
    ['not JSON', '{"manifestVersion":', /its manifest\.json is not JSON/],
    ['a version-1 manifest', JSON.stringify({ ...written, manifestVersion: 1 }), /version 1, from an older harness/],
    [
      'a setting of the wrong type',
      JSON.stringify({ ...written, settings: { ...written.settings, repeat: '2' } }),
      /\/settings\/repeat must be integer/,
    ],
    [
      'a backend the harness does not know',
      JSON.stringify({ ...written, settings: { ...written.settings, backend: 'tgi' } }),
      /\/settings\/backend must be equal to one of the allowed values/,
    ],
    [
      'no releases',
      JSON.stringify({ ...written, claudeCode: undefined }),
      /\(root\) must have required property 'claudeCode'/,
    ],
  ])('refuses %s in one line that says what to do', (_what, text, problem) => {
    const message = refusal(text);
    expect(message).toMatch(/^RESUME_MISMATCH: Cannot resume results\/x: /);
    expect(message).toMatch(problem);
    expect(message).toMatch(/Start a new bench with a fresh --out\.$/);
    expect(message).not.toContain('\n');
  });
});
