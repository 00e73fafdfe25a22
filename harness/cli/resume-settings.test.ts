import { describe, expect, it } from 'vitest';
import { planControls } from '../modes/agent/claude-controls/plan-controls.ts';
import type { ClaudeRelease } from '../modes/context.ts';
import { buildManifest } from '../modes/manifest.ts';
import { parseBenchArgs } from './parse-bench-args.ts';
import { settingsFromManifest } from './resume-settings.ts';

const controls = planControls({ source: 'assumed', names: new Set() });
const releases: ClaudeRelease[] = [
  { version: '2.1.85', bin: '/c/2.1.85/cli.js', controls, requested: ['2.1.85'], source: 'cache' },
  { version: '2.1.332', bin: '/c/2.1.332/claude', controls, requested: ['latest'], source: 'installed' },
  { version: '2.1.90', bin: '/opt/claude', controls, requested: ['--claude-bin'], source: 'explicit' },
];

describe('settingsFromManifest', () => {
  const original = parseBenchArgs(
    [
      '--model',
      'a,b',
      '--task',
      'lru-cache',
      '--mode',
      'agent',
      '--repeat',
      '2',
      '--timeout',
      '30',
      '--backend',
      'sim',
    ],
    new Date('2026-01-01T00:00:00Z'),
  ).settings;
  const manifest = buildManifest(
    { ...original, tasks: ['lru-cache'] },
    { 'lru-cache': 'f' },
    releases,
    '2026-01-01T00:00:00.000Z',
  );
  const resumed = parseBenchArgs(['--resume', 'results/x']).settings;

  it('takes back the measured settings and which limits were given', () => {
    const { settings, taskSelection } = settingsFromManifest(manifest, resumed);
    expect(taskSelection).toBe('lru-cache');
    expect(settings).toMatchObject({
      models: ['a', 'b'],
      modes: ['agent'],
      backend: 'sim',
      repeat: 2,
      timeoutSec: 30,
      limitsGiven: { timeout: true, maxTurns: false },
      outDir: 'results/x',
      resumeDir: 'results/x',
    });
  });

  it('resumes on the exact releases recorded, not on what latest or pinned say today', () => {
    const { settings } = settingsFromManifest(manifest, resumed);
    expect(settings.claudeVersions).toEqual(['2.1.85', '2.1.332']);
    expect(settings.claudeBin).toBe('/opt/claude');
  });
});
