/** A model's trend over nights: one point per night and mode, and where its context changed. Pure. */
import type { GroupView, NightView, RunContext } from '../view-model.ts';
import type { Filters } from './filters.ts';
import { contextOf, groupMatchesRelease, modelMatches } from './filters.ts';

/** One night of a model and task: the raw and agent groups, null where it did not run or was filtered out. */
export interface TrendPoint {
  night: NightView;
  raw: GroupView | null;
  agent: GroupView | null;
  /** Where the model ran that night; null when it did not run or the filters leave it out. */
  context: RunContext | null;
  regressions: string[];
}

/** A night where something a jump could come from changed, with what changed. */
export interface ChangeMarker {
  index: number;
  nightId: string;
  changes: string[];
}

/**
 * The group of a mode, without the rescue when both exist. Agent groups of the filtered release;
 * unfiltered, the oldest release the model ran under that night (groups are in version order).
 */
function pick(night: NightView, model: string, task: string, mode: 'raw' | 'agent', filters: Filters) {
  const matches = night.groups.filter(
    (g) => g.model === model && g.task === task && g.mode === mode && groupMatchesRelease(g, filters),
  );
  return matches.find((g) => !g.rescue) ?? matches[0] ?? null;
}

/** Where the model ran, naming the release of the agent group plotted (so a release change is marked). */
function pointContext(night: NightView, model: string, agent: GroupView | null): RunContext | null {
  const context = contextOf(night, model);
  if (context === null) return null;
  const { model: _model, claudeCodes: _all, ...shared } = context;
  return { ...shared, claudeCode: agent?.claudeCode ?? shared.claudeCode };
}

/** Every night, oldest first, with the model's raw and agent group for the task. */
export function trendPoints(nights: readonly NightView[], model: string, task: string, filters: Filters): TrendPoint[] {
  return nights.map((night) => {
    const shown = modelMatches(night, model, filters);
    const agent = shown ? pick(night, model, task, 'agent', filters) : null;
    return {
      night,
      raw: shown ? pick(night, model, task, 'raw', filters) : null,
      agent,
      context: shown ? pointContext(night, model, agent) : null,
      regressions: night.regressions
        .filter((r) => r.model === model && r.task === task)
        .flatMap((r) => r.reasons.map((reason) => `${r.mode}: ${reason}`)),
    };
  });
}

const watched: ReadonlyArray<[keyof RunContext, string]> = [
  ['backend', 'backend'],
  ['modelDigest', 'model digest'],
  ['claudeCode', 'Claude Code'],
  ['host', 'host'],
];

const shortDigest = (value: unknown): string => {
  const text = String(value ?? 'none');
  return text.replace(/^sha256:/, '').slice(0, 12);
};

/** Nights whose backend version, model digest, Claude Code version or host differ from the last night that ran. */
export function changeMarkers(points: readonly TrendPoint[]): ChangeMarker[] {
  const markers: ChangeMarker[] = [];
  let last: RunContext | null = null;
  points.forEach((point, index) => {
    const current = point.agent === null && point.raw === null ? null : point.context;
    if (current === null) return;
    if (last !== null) {
      const before = last;
      const changes = watched
        .filter(([key]) => before[key] !== current[key])
        .map(([key, name]) => {
          const show = key === 'modelDigest' ? shortDigest : (v: unknown) => String(v ?? 'unknown');
          return `${name} ${show(before[key])} → ${show(current[key])}`;
        });
      if (changes.length > 0) markers.push({ index, nightId: point.night.id, changes });
    }
    last = current;
  });
  return markers;
}

/** Models and tasks of the history, in order of first appearance. */
export function modelsAndTasks(nights: readonly NightView[]): { models: string[]; tasks: string[] } {
  const models = new Set<string>();
  const tasks = new Set<string>();
  for (const night of nights)
    for (const group of night.groups) {
      models.add(group.model);
      tasks.add(group.task);
    }
  return { models: [...models], tasks: [...tasks] };
}
