import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from '../cli/parse-bench-args.ts';
import type { TaskDefinition } from '../tasks/types.ts';
import { planControls } from './agent/claude-controls/plan-controls.ts';
import type { ClaudeRelease } from './context.ts';
import { planRuns, runKey } from './plan.ts';

const task = (id: string) => ({ id }) as TaskDefinition;
const release = (version: string): ClaudeRelease => ({
  version,
  bin: `/c/${version}/cli.js`,
  controls: planControls({ source: 'assumed', names: new Set() }),
  requested: [version],
  source: 'cache',
});

describe('runKey', () => {
  it.each([
    [
      { model: 'gemma4:26b', task: 'lru-cache', mode: 'raw', claudeCode: null, attempt: 1, rescue: false },
      'gemma4-26b__lru-cache__raw__a1',
    ],
    [
      { model: 'gemma4:26b', task: 'lru-cache', mode: 'agent', claudeCode: '2.1.85', attempt: 2, rescue: false },
      'gemma4-26b__lru-cache__agent__cc2.1.85__a2',
    ],
    [
      {
        model: 'hf.co/org/m:Q4',
        task: 'fastapi-smoke',
        mode: 'agent',
        claudeCode: '3.0.0-beta.1',
        attempt: 1,
        rescue: true,
      },
      'hf.co-org-m-Q4__fastapi-smoke__agent__cc3.0.0-beta.1__a1__rescue',
    ],
  ] as const)('%o → %s', (parts, id) => {
    expect(runKey(parts)).toBe(id);
  });
});

describe('planRuns', () => {
  const { settings } = parseBenchArgs(['--model', 'm1,m2', '--mode', 'both', '--repeat', '2']);

  it('plans agent runs once per release and raw runs once, per model, raw first', () => {
    const plan = planRuns(settings, [task('lru-cache')], [release('2.1.85'), release('2.1.328')]);
    expect(plan.map((p) => p.id)).toEqual([
      'm1__lru-cache__raw__a1',
      'm1__lru-cache__raw__a2',
      'm1__lru-cache__agent__cc2.1.85__a1',
      'm1__lru-cache__agent__cc2.1.85__a2',
      'm1__lru-cache__agent__cc2.1.328__a1',
      'm1__lru-cache__agent__cc2.1.328__a2',
      'm2__lru-cache__raw__a1',
      'm2__lru-cache__raw__a2',
      'm2__lru-cache__agent__cc2.1.85__a1',
      'm2__lru-cache__agent__cc2.1.85__a2',
      'm2__lru-cache__agent__cc2.1.328__a1',
      'm2__lru-cache__agent__cc2.1.328__a2',
    ]);
  });

  it('hands each agent run its own release and raw runs none', () => {
    const plan = planRuns(
      settings,
      [task('lru-cache'), task('fastapi-smoke')],
      [release('2.1.85'), release('2.1.328')],
    );
    for (const run of plan) {
      expect(run.claude?.version ?? null).toBe(run.mode === 'raw' ? null : /__cc([^_]+)__/.exec(run.id)?.[1]);
    }
    expect(new Set(plan.map((p) => p.id)).size).toBe(plan.length);
  });

  it('gives the same ids to the same bench planned twice (what --resume keys on)', () => {
    const releases = [release('2.1.85'), release('2.1.328')];
    const ids = () => planRuns(settings, [task('lru-cache')], releases).map((p) => p.id);
    expect(ids()).toEqual(ids());
  });
});
