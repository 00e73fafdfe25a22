/**
 * A night whose agent runs used two Claude Code releases (the nightly's pinned release and
 * `latest`): one leaderboard row per release, the filter on the group's own release, and the
 * trend and regressions of the release plotted.
 */
import { describe, expect, it } from 'vitest';
import { summarise } from '../../report/summarise.ts';
import type { BenchReport } from '../../report/types.ts';
import { nightBundle } from '../from-report.ts';
import { fixturePlan, plantedDrop } from '../test-kit/plans.ts';
import { syntheticNight } from '../test-kit/synthetic-history.ts';
import type { NightView } from '../view-model.ts';
import { filterOptions, noFilters } from './filters.ts';
import { leaderboardRows } from './leaderboard.ts';
import { groupParam } from './route.ts';
import { trendPoints } from './trends.ts';

const latest = '2.1.332';

/** `report` with every agent run also made under `latest`, the copies at level 6. */
function withLatest(report: BenchReport): BenchReport {
  const copies = report.runs.flatMap((run) =>
    run.mode !== 'agent' || run.status !== 'completed'
      ? []
      : [{ ...run, id: `${run.id}__latest`, claudeCode: latest, level: 6, label: 'success', kind: 'success' } as const],
  );
  const runs = [...report.runs, ...copies];
  return { ...report, runs, summary: summarise(runs) };
}

const meta = (id: string) => ({
  id,
  source: 'test',
  schemaVersion: 2,
  paths: { reportMd: `nights/${id}/report.md`, runsScript: `nights/${id}/runs.js` },
});
const before = syntheticNight(fixturePlan, plantedDrop.night - 1);
const planted = syntheticNight(fixturePlan, plantedDrop.night);
const pinned = planted.runs.find((r) => r.mode === 'agent')?.claudeCode as string;
const night: NightView = nightBundle(withLatest(planted), before, meta('two-releases')).night;

describe('a night under two Claude Code releases', () => {
  it('gives each model and task one row per release, sharing the raw side', () => {
    const rows = leaderboardRows(night, noFilters).filter((r) => r.model === plantedDrop.model);
    expect(rows.map((r) => [r.task, r.claudeCode, r.agent?.claudeCode])).toEqual([
      ['fastapi-smoke', pinned, pinned],
      ['fastapi-smoke', latest, latest],
      ['lru-cache', pinned, pinned],
      ['lru-cache', latest, latest],
    ]);
    expect(rows[0]?.raw).toBe(rows[1]?.raw);
    expect(rows[0]?.raw?.mode).toBe('raw');
  });

  it('keeps the regression on the release it happened under', () => {
    const rows = leaderboardRows(night, noFilters).filter(
      (r) => r.model === plantedDrop.model && r.task === plantedDrop.task,
    );
    expect(rows.map((r) => [r.claudeCode, r.agent?.level, r.regressions.length > 0])).toEqual([
      [pinned, plantedDrop.level, true],
      [latest, 6, false],
    ]);
  });

  it('offers each release as its own filter value, and the filter keeps the agent rows of that release', () => {
    expect(filterOptions([night]).claudeCodes).toEqual([pinned, latest]);
    const rows = leaderboardRows(night, { ...noFilters, claudeCode: latest });
    expect(rows.length).toBe(leaderboardRows(night, noFilters).length / 2);
    expect(new Set(rows.map((r) => r.agent?.claudeCode))).toEqual(new Set([latest]));
    expect(rows.every((r) => r.raw?.mode === 'raw')).toBe(true);
  });

  it('plots the filtered release in the trend and names it in the point’s context', () => {
    const [point] = trendPoints([night], plantedDrop.model, plantedDrop.task, { ...noFilters, claudeCode: latest });
    expect(point?.agent).toMatchObject({ claudeCode: latest, level: 6 });
    expect(point?.context?.claudeCode).toBe(latest);
    const [unfiltered] = trendPoints([night], plantedDrop.model, plantedDrop.task, noFilters);
    expect(unfiltered?.agent).toMatchObject({ claudeCode: pinned, level: plantedDrop.level });
  });

  it('links each release’s agent group on its own', () => {
    const params = night.groups
      .filter((g) => g.model === plantedDrop.model && g.task === plantedDrop.task)
      .map((g) => groupParam(g));
    expect(params).toEqual([
      `${plantedDrop.model}|${plantedDrop.task}|raw`,
      `${plantedDrop.model}|${plantedDrop.task}|agent|${pinned}`,
      `${plantedDrop.model}|${plantedDrop.task}|agent|${latest}`,
    ]);
  });
});
