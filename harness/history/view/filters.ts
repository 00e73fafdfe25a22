/** The page's filters (host, backend, Claude Code version) and the values they can take. */
import type { GroupView, ModelContext, NightView } from '../view-model.ts';

export interface Filters {
  host: string | null;
  backend: string | null;
  claudeCode: string | null;
}

export const noFilters: Filters = { host: null, backend: null, claudeCode: null };

/**
 * True when a model ran where the filters say (on the host, with the backend, and with agent runs
 * under the release); a null filter lets everything through.
 */
export function matchesFilters(context: ModelContext, filters: Filters): boolean {
  return (
    (filters.host === null || context.host === filters.host) &&
    (filters.backend === null || context.backend === filters.backend) &&
    (filters.claudeCode === null || context.claudeCodes.includes(filters.claudeCode))
  );
}

/** True when an agent group ran under the filtered release; raw groups do not depend on the CLI. */
export function groupMatchesRelease(group: Pick<GroupView, 'mode' | 'claudeCode'>, filters: Filters): boolean {
  return filters.claudeCode === null || group.mode === 'raw' || group.claudeCode === filters.claudeCode;
}

export interface FilterOptions {
  hosts: string[];
  backends: string[];
  claudeCodes: string[];
}

/** The context of `model` on `night`, or null when the model did not run. */
export function contextOf(night: NightView, model: string): ModelContext | null {
  return night.contexts.find((c) => c.model === model) ?? null;
}

/** True when `model` ran on `night` where the filters say. */
export function modelMatches(night: NightView, model: string, filters: Filters): boolean {
  const context = contextOf(night, model);
  return context !== null && matchesFilters(context, filters);
}

/** Every host, backend and Claude Code version seen in the history, in order of first appearance. */
export function filterOptions(nights: readonly NightView[]): FilterOptions {
  const hosts = new Set<string>();
  const backends = new Set<string>();
  const claudeCodes = new Set<string>();
  for (const night of nights) {
    for (const context of night.contexts) {
      hosts.add(context.host);
      backends.add(context.backend);
      for (const release of context.claudeCodes) claudeCodes.add(release);
    }
  }
  return { hosts: [...hosts], backends: [...backends], claudeCodes: [...claudeCodes] };
}
