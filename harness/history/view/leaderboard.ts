/** The leaderboard: one row per model and task of a night, filtered and sorted. Pure. */
import type { GroupView, ModelContext, NightView } from '../view-model.ts';
import type { Filters } from './filters.ts';
import { contextOf, groupMatchesRelease, modelMatches } from './filters.ts';
import type { SortKey, TimingMode } from './route.ts';

/** One model and task under one Claude Code release (the raw side is shared by its releases). */
export interface LeaderboardRow {
  model: string;
  task: string;
  /** The release of the agent side; null when the model and task ran raw only. */
  claudeCode: string | null;
  verdict: string;
  raw: GroupView | null;
  agent: GroupView | null;
  context: ModelContext | null;
  /** Why this model and task regressed against the night before; empty when they did not. */
  regressions: string[];
}

const visible = (night: NightView, filters: Filters): GroupView[] =>
  night.groups.filter((g) => modelMatches(night, g.model, filters) && groupMatchesRelease(g, filters));

/** The requested night when it exists, else the latest night with a group the filters let through. */
export function leaderboardNight(
  nights: readonly NightView[],
  filters: Filters,
  requested: string | null,
): NightView | null {
  const asked = requested === null ? undefined : nights.find((n) => n.id === requested);
  if (asked !== undefined) return asked;
  for (let i = nights.length - 1; i >= 0; i -= 1) {
    const night = nights[i] as NightView;
    if (visible(night, filters).length > 0) return night;
  }
  return null;
}

/** Runs without the proxy's rescue decide a row when both exist, as in report.md. */
function pick(
  groups: readonly GroupView[],
  model: string,
  task: string,
  mode: 'raw' | 'agent',
  release: string | null,
) {
  const matches = groups.filter(
    (g) => g.model === model && g.task === task && g.mode === mode && (mode === 'raw' || g.claudeCode === release),
  );
  return matches.find((g) => !g.rescue) ?? matches[0] ?? null;
}

/**
 * One row per model, task and agent release of `night` that the filters let through, in the
 * night's order: a model run under two Claude Code releases has two rows, each with the same raw side.
 */
export function leaderboardRows(night: NightView, filters: Filters): LeaderboardRow[] {
  const groups = visible(night, filters);
  const withAgent = new Set(groups.filter((g) => g.mode === 'agent').map((g) => JSON.stringify([g.model, g.task])));
  const keys = new Map(
    groups
      .filter((g) => g.mode === 'agent' || !withAgent.has(JSON.stringify([g.model, g.task])))
      .map((g) => [JSON.stringify([g.model, g.task, g.claudeCode]), g] as const),
  );
  return [...keys.values()].map(({ model, task, claudeCode }) => ({
    model,
    task,
    claudeCode,
    verdict:
      night.verdicts.find((v) => v.model === model && v.task === task && (v.claudeCode ?? null) === claudeCode)?.text ??
      '',
    raw: pick(groups, model, task, 'raw', null),
    agent: pick(groups, model, task, 'agent', claudeCode),
    context: contextOf(night, model),
    regressions: night.regressions
      .filter((r) => r.model === model && r.task === task && (r.mode === 'raw' || r.claudeCode === claudeCode))
      .flatMap((r) => r.reasons.map((reason) => `${r.mode}: ${reason}`)),
  }));
}

/** Higher is better for every key but TTFT; a missing value always sorts last. */
function sortValue(row: LeaderboardRow, key: SortKey, timing: TimingMode): number | string | null {
  const timed = timing === 'raw' ? row.raw : row.agent;
  switch (key) {
    case 'model':
      return `${row.model}\u0000${row.task}`;
    case 'raw':
      return row.raw?.level ?? null;
    case 'agent':
      return row.agent?.level ?? null;
    case 'decode':
      return timed?.decode.median ?? null;
    case 'ttft':
      return timed?.ttft.median ?? null;
    case 'passAtK':
      return timed?.passAtK ?? null;
    case 'vram':
      return row.context?.vramBytes ?? null;
  }
}

/** Rows sorted by `key`; ties keep model order. */
export function sortRows(
  rows: readonly LeaderboardRow[],
  key: SortKey,
  descending: boolean,
  timing: TimingMode,
): LeaderboardRow[] {
  const sign = descending ? -1 : 1;
  return rows
    .map((row, index) => ({ row, index, value: sortValue(row, key, timing) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null)
        return a.value === b.value ? a.index - b.index : a.value === null ? 1 : -1;
      const order = typeof a.value === 'string' ? a.value.localeCompare(String(b.value)) : a.value - Number(b.value);
      return sign * order || a.index - b.index;
    })
    .map((entry) => entry.row);
}
