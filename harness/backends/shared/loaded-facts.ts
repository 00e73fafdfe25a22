/**
 * The facts once a model has run, when the server only shows them for a loaded model: Ollama's
 * /api/ps (memory, CPU offload, the context it really loaded) and LM Studio's loaded context.
 * Read after the model's first run; the other servers' facts do not change with loading.
 */
import type { ModelFacts } from '../../core/facts.ts';
import { loadedMemory, loadedOllamaModel } from '../ollama/ollama-facts.ts';
import type { PreflightResult } from '../types.ts';
import { lmStudioEntry, lmStudioModelFacts } from './lm-studio-facts.ts';
import { optionalPreflightJson } from './preflight-http.ts';

/** `preflight.facts` updated from what the server shows now that `model` is loaded. Never throws. */
export async function loadedModelFacts(
  preflight: Pick<PreflightResult, 'server' | 'facts'>,
  baseUrl: string,
  model: string,
  fetchImpl: typeof fetch,
): Promise<ModelFacts> {
  const { facts } = preflight;
  if (preflight.server === 'ollama') {
    const loaded = loadedOllamaModel(await optionalPreflightJson(fetchImpl, baseUrl, '/api/ps'), model);
    if (loaded === null) return facts;
    const memory = loadedMemory(loaded) ?? facts.memory;
    return withSource(
      { ...facts, memory, contextLoaded: loaded.contextLength ?? facts.contextLoaded },
      'ollama /api/ps',
    );
  }
  if (preflight.server === 'lm-studio') {
    const entry = lmStudioEntry(await optionalPreflightJson(fetchImpl, baseUrl, '/api/v0/models'), model);
    const contextLoaded = entry === null ? null : lmStudioModelFacts(entry).contextLoaded;
    return contextLoaded === null ? facts : { ...facts, contextLoaded };
  }
  return facts;
}

function withSource(facts: ModelFacts, source: string): ModelFacts {
  return facts.sources.includes(source) ? facts : { ...facts, sources: [...facts.sources, source] };
}
