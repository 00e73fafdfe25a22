import { describe, expect, it } from 'vitest';
import type { BenchSettings } from '../config/types.ts';
import { buildManifest, manifestDifferences, settingsHash } from './manifest.ts';

const settings: BenchSettings = {
  models: ['a', 'b'],
  tasks: ['lru-cache'],
  modes: ['raw', 'agent'],
  backend: 'sim',
  dialect: 'ollama',
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
  measureFixability: true,
  python: null,
  claudeVersions: [],
  claudeBin: null,
  resumeDir: null,
  debug: false,
};

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
});

describe('manifestDifferences', () => {
  it('names each differing setting and task', () => {
    const recorded = buildManifest(settings, { 'lru-cache': 'f1' }, '2026-01-01T00:00:00Z');
    const current = buildManifest({ ...settings, repeat: 3 }, { 'lru-cache': 'f2' }, '2026-01-02T00:00:00Z');
    expect(manifestDifferences(recorded, current)).toEqual([
      'repeat was 2, now 3',
      'task lru-cache definition changed',
    ]);
  });

  it('is empty for the same settings', () => {
    const a = buildManifest(settings, { 'lru-cache': 'f1' }, '2026-01-01T00:00:00Z');
    const b = buildManifest({ ...settings, outDir: 'z' }, { 'lru-cache': 'f1' }, '2026-01-02T00:00:00Z');
    expect(manifestDifferences(a, b)).toEqual([]);
  });
});
