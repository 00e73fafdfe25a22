import { beforeAll, describe, expect, it } from 'vitest';
import { readHistoryBundles } from '../test-kit/fixture-nights.ts';
import { plantedDrop } from '../test-kit/plans.ts';
import type { NightView } from '../view-model.ts';
import { noFilters } from './filters.ts';
import { changeMarkers, modelsAndTasks, trendPoints } from './trends.ts';

let nights: NightView[];
beforeAll(async () => {
  nights = (await readHistoryBundles()).map((b) => b.night);
});

describe('a model trend over the fixture history', () => {
  it('has one point per night, the planted drop the only agent level below 6', () => {
    const points = trendPoints(nights, plantedDrop.model, plantedDrop.task, noFilters);
    expect(points).toHaveLength(32);
    const below = points.filter((p) => (p.agent?.level ?? 6) < 6);
    expect(below.map((p) => [p.night.id, p.agent?.level, p.agent?.label])).toEqual([
      ['2026-03-25', 3, 'tool_name_mismatch'],
    ]);
    expect(below[0]?.regressions).toContain('agent: level 6 (success) → 3 (tool name mismatch)');
  });

  it.each([
    [
      'gemma4:26b',
      [
        ['2026-03-11', ['backend ollama 0.12.3 → ollama 0.12.6']],
        ['2026-03-15', ['host mac-studio-a → mac-studio-b']],
        ['2026-03-19', [expect.stringMatching(/^model digest [0-9a-f]{12} → [0-9a-f]{12}$/)]],
        ['2026-03-21', ['Claude Code 2.1.300 → 2.1.328']],
      ],
    ],
    [
      'glm-4.7-flash',
      [
        ['2026-03-11', ['backend ollama 0.12.3 → ollama 0.12.6']],
        ['2026-03-15', ['host mac-studio-a → mac-studio-b']],
        ['2026-03-21', ['Claude Code 2.1.300 → 2.1.328']],
      ],
    ],
  ])('marks where %s ran with something new', (model, expected) => {
    const markers = changeMarkers(trendPoints(nights, model, 'lru-cache', noFilters));
    expect(markers.map((m) => [m.nightId, m.changes])).toEqual(expected);
  });

  it('leaves out the nights a filter excludes, and marks no change across them', () => {
    const filters = { ...noFilters, host: 'mac-studio-b' };
    const points = trendPoints(nights, 'gemma4:26b', 'lru-cache', filters);
    expect(points.filter((p) => p.agent !== null)).toHaveLength(
      points.filter((p) => p.night.id >= '2026-03-15').length,
    );
    expect(changeMarkers(points).map((m) => m.nightId)).toEqual(['2026-03-19', '2026-03-21']);
  });

  it('lists the models and tasks in the order they first ran', () => {
    expect(modelsAndTasks(nights)).toEqual({
      models: ['gemma4:26b', 'glm-4.7-flash', 'qwen3-coder:30b', 'qwen3.5:35b-a3b'],
      tasks: ['fastapi-smoke', 'lru-cache'],
    });
  });
});
