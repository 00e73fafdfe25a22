/**
 * The environment fingerprint Ollama gives about a model: `/api/show` (details, model_info) and
 * the digest from `/api/tags` (`/api/show` does not carry it).
 */
import { isRecord, nonEmptyText, numberField } from '../../core/json.ts';

/** One installed model as `/api/tags` lists it. */
export interface InstalledModel {
  name: string;
  digest: string | null;
}

/** The installed models in an `/api/tags` answer. */
export function installedModels(tags: unknown): InstalledModel[] {
  if (!isRecord(tags) || !Array.isArray(tags.models)) return [];
  return tags.models.filter(isRecord).map((entry) => ({
    name: typeof entry.name === 'string' ? entry.name : typeof entry.model === 'string' ? entry.model : '',
    digest: typeof entry.digest === 'string' ? entry.digest : null,
  }));
}

/** True when an installed name is the requested one (`qwen3` means `qwen3:latest`). */
export function sameModelName(installed: string, requested: string): boolean {
  const withTag = (name: string): string => (name.includes(':') ? name : `${name}:latest`);
  return installed === requested || withTag(installed) === withTag(requested);
}

/**
 * Digest, family, parameter size, quantisation and context length from `/api/show` and `/api/tags`:
 * the flat record report schema v1 carries (`ollama-facts.ts` reads the full ModelFacts).
 */
export function ollamaFingerprint(show: unknown, tags: unknown, model: string): Record<string, string | number | null> {
  const details = isRecord(show) && isRecord(show.details) ? show.details : {};
  const info = isRecord(show) && isRecord(show.model_info) ? show.model_info : {};
  const architecture = nonEmptyText(info['general.architecture']);
  const installed = installedModels(tags).find((entry) => sameModelName(entry.name, model));
  return {
    digest: installed?.digest ?? null,
    family: nonEmptyText(details.family),
    format: nonEmptyText(details.format),
    parameter_size: nonEmptyText(details.parameter_size),
    quantization_level: nonEmptyText(details.quantization_level),
    parameter_count: numberField(info, 'general.parameter_count'),
    context_length: architecture === null ? null : numberField(info, `${architecture}.context_length`),
  };
}
