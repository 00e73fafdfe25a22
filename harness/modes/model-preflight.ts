/**
 * What the backend says about each model before the first run (facts, the context it really gets,
 * refusals of runs that cannot work), and the facts only a loaded model shows, read once after the
 * model's first run.
 */
import type { PreflightResult } from '../backends/index.ts';
import { dialectFor } from '../backends/index.ts';
import { loadedModelFacts } from '../backends/shared/loaded-facts.ts';
import type { BenchSettings } from '../config/types.ts';
import type { ModelFacts } from '../core/facts.ts';

/** The preflight of every model, in --model order. Throws HarnessError for a run that cannot work. */
export async function preflightModels(
  settings: BenchSettings,
  baseUrl: string,
  fetchImpl: typeof fetch,
): Promise<Map<string, PreflightResult>> {
  const dialect = dialectFor(settings.dialect);
  const request = { agent: settings.modes.includes('agent'), think: settings.think, numCtx: settings.numCtx };
  const preflight = new Map<string, PreflightResult>();
  for (const model of settings.models)
    preflight.set(model, await dialect.preflight(baseUrl, model, fetchImpl, request));
  return preflight;
}

/** Per model, the facts the report shows: the preflight's, replaced by the loaded model's once it ran. */
export interface ModelFactsBook {
  /** After a run of `model`: reads the facts only a loaded model shows (Ollama /api/ps, LM Studio), once. */
  afterRun(model: string): Promise<void>;
  /** Every model's facts as they stand. */
  facts(): Record<string, ModelFacts>;
}

export function modelFactsBook(
  preflight: ReadonlyMap<string, PreflightResult>,
  server: { baseUrl: string; fetchImpl: typeof fetch },
): ModelFactsBook {
  const facts = new Map([...preflight].map(([model, result]) => [model, result.facts]));
  const read = new Set<string>();
  return {
    async afterRun(model) {
      const before = preflight.get(model);
      if (read.has(model) || before === undefined) return;
      read.add(model);
      facts.set(model, await loadedModelFacts(before, server.baseUrl, model, server.fetchImpl));
    },
    facts: () => Object.fromEntries(facts),
  };
}
