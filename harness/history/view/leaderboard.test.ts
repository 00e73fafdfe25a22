import { beforeAll, describe, expect, it } from 'vitest';
import { readHistoryBundles } from '../test-kit/fixture-nights.ts';
import { plantedDrop } from '../test-kit/plans.ts';
import type { NightView } from '../view-model.ts';
import { filterOptions, noFilters } from './filters.ts';
import { leaderboardNight, leaderboardRows, sortRows } from './leaderboard.ts';

let nights: NightView[];
beforeAll(async () => {
  nights = (await readHistoryBundles()).map((b) => b.night);
});

describe('the leaderboard', () => {
  it.each([
    ['no filter', noFilters, null, '2026-04-02'],
    ['the older Claude Code', { ...noFilters, claudeCode: '2.1.300' }, null, '2026-03-20'],
    ['the first host', { ...noFilters, host: 'mac-studio-a' }, null, '2026-03-14'],
    ['a night asked for', noFilters, '2026-03-25', '2026-03-25'],
    ['a night that does not exist', noFilters, '1999-01-01', '2026-04-02'],
  ])('shows the right night with %s', (_what, filters, requested, expected) => {
    expect(leaderboardNight(nights, filters, requested)?.id).toBe(expected);
  });

  it('shows nothing when no night matches', () => {
    expect(leaderboardNight(nights, { ...noFilters, host: 'elsewhere' }, null)).toBeNull();
  });

  it('gives one row per model and task, with the verdict and the regression of the planted night', () => {
    const night = leaderboardNight(nights, noFilters, '2026-03-25') as NightView;
    const rows = leaderboardRows(night, noFilters);
    expect(rows).toHaveLength(8);
    const dropped = rows.filter((r) => r.regressions.length > 0);
    expect(dropped.map((r) => [r.model, r.task, r.agent?.level, r.verdict])).toEqual([
      [plantedDrop.model, plantedDrop.task, 3, 'works raw (pass@1 100%), fails as agent at level 3 (pass@1 0%)'],
    ]);
    expect(dropped[0]?.agent?.fixable).toBe('level 3 → 6 with rescue (write_file → Write)');
  });

  it.each([
    ['decode', true],
    ['decode', false],
    ['ttft', false],
    ['agent', false],
    ['vram', true],
  ] as const)('sorts by %s (descending: %s), missing values last', (key, descending) => {
    const night = nights.at(-1) as NightView;
    const rows = sortRows(leaderboardRows(night, noFilters), key, descending, 'agent');
    const value = (r: (typeof rows)[number]): number =>
      key === 'decode'
        ? (r.agent?.decode.median as number)
        : key === 'ttft'
          ? (r.agent?.ttft.median as number)
          : key === 'agent'
            ? (r.agent?.level as number)
            : (r.context?.vramBytes as number);
    const values = rows.map(value);
    expect(values).toEqual([...values].sort((a, b) => (descending ? b - a : a - b)));
  });

  it('offers every host, backend and Claude Code version of the history as a filter', () => {
    expect(filterOptions(nights)).toEqual({
      hosts: ['mac-studio-a', 'mac-studio-b'],
      backends: ['ollama 0.12.3', 'ollama 0.12.6'],
      claudeCodes: ['2.1.300', '2.1.328'],
    });
  });
});
