/**
 * Model facts from Ollama's answers: `/api/show` (details, model_info, tensors, capabilities), the
 * digest from `/api/tags`, and `/api/ps` once the model is loaded (memory, loaded context).
 * Shapes: ollama/ollama api/types.go (ShowResponse, ProcessModelResponse, ListModelResponse).
 */
import type { ModelFacts, ModelMemory } from '../../core/facts.ts';
import { isRecord, nonEmptyText, positiveWholeNumber, wholeNumber } from '../../core/json.ts';
import { installedModels, sameModelName } from './model-facts.ts';

/** The answers one model's facts are read from; any may be missing (undefined). */
export interface OllamaAnswers {
  show: unknown;
  tags: unknown;
  ps?: unknown;
}

/** A model as `/api/ps` lists it while loaded. */
export interface LoadedOllamaModel {
  sizeBytes: number | null;
  vramBytes: number | null;
  contextLength: number | null;
}

/** ModelFacts from Ollama's answers; `contextLoaded` comes from /api/ps when the model is loaded. */
export function ollamaModelFacts(model: string, answers: OllamaAnswers): ModelFacts {
  const show = isRecord(answers.show) ? answers.show : {};
  const info = isRecord(show.model_info) ? show.model_info : {};
  const details = isRecord(show.details) ? show.details : {};
  const architecture = nonEmptyText(info['general.architecture']);
  const key = (name: string): unknown => (architecture === null ? undefined : info[`${architecture}.${name}`]);
  const experts = wholeNumber(key('expert_count'));
  const moe =
    experts !== null && experts > 1 ? { experts, expertsUsed: positiveWholeNumber(key('expert_used_count')) } : null;
  const total = positiveWholeNumber(info['general.parameter_count']);
  const loaded = loadedOllamaModel(answers.ps, model);
  const installed = installedModels(answers.tags).find((entry) => sameModelName(entry.name, model));
  return {
    digest: installed?.digest ?? null,
    architecture,
    moe,
    dense: architecture === null ? null : moe === null,
    parametersTotal: total,
    parametersActive: moe === null ? total : activeParameters(total, moe, show.tensors),
    quantisation: nonEmptyText(details.quantization_level),
    contextTrained: positiveWholeNumber(key('context_length')),
    contextLoaded: loaded?.contextLength ?? null,
    memory: loaded === null ? null : loadedMemory(loaded),
    capabilities: Array.isArray(show.capabilities) ? show.capabilities.filter((c) => typeof c === 'string') : null,
    sources: [
      ...(isRecord(answers.show) ? ['ollama /api/show'] : []),
      ...(installed === undefined ? [] : ['ollama /api/tags']),
      ...(loaded === null ? [] : ['ollama /api/ps']),
    ],
  };
}

/** The model's entry in an `/api/ps` answer, or null when it is not loaded. */
export function loadedOllamaModel(ps: unknown, model: string): LoadedOllamaModel | null {
  if (!isRecord(ps) || !Array.isArray(ps.models)) return null;
  const entry = ps.models
    .filter(isRecord)
    .find((m) => [m.name, m.model].some((name) => typeof name === 'string' && sameModelName(name, model)));
  if (entry === undefined) return null;
  const sizeBytes = wholeNumber(entry.size);
  // Ollama before 0.1.42 left size_vram out when it was 0 (ollama/ollama#4840): all on the CPU.
  const vramBytes = wholeNumber(entry.size_vram) ?? (sizeBytes === null ? null : 0);
  return { sizeBytes, vramBytes, contextLength: positiveWholeNumber(entry.context_length) };
}

/** The `num_ctx` a model's Modelfile sets (`/api/show` `parameters`), or null. */
export function modelfileNumCtx(show: unknown): number | null {
  if (!isRecord(show) || typeof show.parameters !== 'string') return null;
  const match = /^num_ctx\s+(\d+)\s*$/m.exec(show.parameters);
  return match === null ? null : Number(match[1]);
}

/** Memory of a loaded model, CPU offload flagged (`size_vram` < `size`); null when /api/ps gives no sizes. */
export function loadedMemory(loaded: LoadedOllamaModel): ModelMemory | null {
  if (loaded.sizeBytes === null || loaded.vramBytes === null) return null;
  return { sizeBytes: loaded.sizeBytes, vramBytes: loaded.vramBytes, cpuOffload: loaded.vramBytes < loaded.sizeBytes };
}

/**
 * Parameters a MoE model uses per token, derived from what /api/show gives: every parameter
 * outside the routed experts plus the used share of them, total − routed × (1 − used / experts).
 * Routed expert weights are the `*_exps.*` tensors (llama.cpp's GGUF naming; shared experts are
 * `*_shexp.*` and always active); /api/show lists every tensor's shape even without `verbose`
 * (server/routes.go GetModelInfo). Null when any input is missing: no guessing from the name.
 */
export function activeParameters(
  total: number | null,
  moe: { experts: number; expertsUsed: number | null },
  tensors: unknown,
): number | null {
  if (total === null || moe.expertsUsed === null || !Array.isArray(tensors)) return null;
  let routed = 0;
  for (const tensor of tensors) {
    if (!isRecord(tensor) || typeof tensor.name !== 'string' || !/_exps\.(weight|bias)$/.test(tensor.name)) continue;
    if (!Array.isArray(tensor.shape) || !tensor.shape.every((d) => typeof d === 'number')) return null;
    routed += tensor.shape.reduce((product: number, d: number) => product * d, 1);
  }
  if (routed === 0 || routed > total) return null;
  return Math.round(total - routed * (1 - moe.expertsUsed / moe.experts));
}
