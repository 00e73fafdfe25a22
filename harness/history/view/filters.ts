/** The page's filters (host, backend, Claude Code version) and the values they can take. */
import type { ModelContext, NightView, RunContext } from '../view-model.ts';

export interface Filters {
  host: string | null;
  backend: string | null;
  claudeCode: string | null;
}

export const noFilters: Filters = { host: null, backend: null, claudeCode: null };

/** True when a group ran where the filters say; a null filter lets everything through. */
export function matchesFilters(context: RunContext, filters: Filters): boolean {
  return (
    (filters.host === null || context.host === filters.host) &&
    (filters.backend === null || context.backend === filters.backend) &&
    (filters.claudeCode === null || context.claudeCode === filters.claudeCode)
  );
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
      if (context.claudeCode !== null) claudeCodes.add(context.claudeCode);
    }
  }
  return { hosts: [...hosts], backends: [...backends], claudeCodes: [...claudeCodes] };
}
