/**
 * Model facts and context from LM Studio's REST API: `GET /api/v0/models` lists every model with
 * `arch`, `quantization`, `state` and `max_context_length`, and a loaded model's
 * `loaded_context_length` (docs: lmstudio-ai/docs 1_developer/2_rest/endpoints.mdx; recorded
 * answers in lmstudio-ai/lmstudio-bug-tracker#726 and llm-lmstudio/llm-lmstudio#1).
 */
import type { ModelFacts } from '../../core/facts.ts';
import { isRecord, nonEmptyText, positiveWholeNumber } from '../../core/json.ts';
import { recommendedContext, type ServerContext } from './server-context.ts';
import { unknownFacts } from './unknown-facts.ts';

/** The model's entry in an `/api/v0/models` answer, or null (also when the answer is not LM Studio's). */
export function lmStudioEntry(models: unknown, id: string): Record<string, unknown> | null {
  if (!isRecord(models) || !Array.isArray(models.data)) return null;
  const entries = models.data.filter((entry) => isRecord(entry) && entry.id === id && 'max_context_length' in entry);
  // LM Studio can list a model twice (loaded and not); the loaded row is the one that counts.
  const entry = entries.find((e) => isRecord(e) && e.state === 'loaded') ?? entries[0];
  return isRecord(entry) ? entry : null;
}

/** Facts from the model's `/api/v0/models` entry. */
export function lmStudioModelFacts(entry: Record<string, unknown>): ModelFacts {
  return {
    ...unknownFacts(['lm-studio /api/v0/models']),
    architecture: nonEmptyText(entry.arch),
    quantisation: nonEmptyText(entry.quantization),
    contextTrained: positiveWholeNumber(entry.max_context_length),
    contextLoaded: entry.state === 'loaded' ? positiveWholeNumber(entry.loaded_context_length) : null,
  };
}

/** The loaded context; unknown until LM Studio has loaded the model (it loads on the first request). */
export function lmStudioContext(entry: Record<string, unknown>, id: string): ServerContext {
  const loaded = entry.state === 'loaded' ? positiveWholeNumber(entry.loaded_context_length) : null;
  if (loaded === null) {
    return {
      kind: 'unknown',
      reason: 'LM Studio has not loaded the model yet; it loads it with its own context setting',
    };
  }
  return {
    kind: 'known',
    tokens: loaded,
    basis: "LM Studio's loaded context length",
    fix: `Reload the model with a larger context: lms load ${id} --context-length ${recommendedContext}, or the context length in its load settings.`,
  };
}
