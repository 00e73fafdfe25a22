/** Reading an OpenAI-style `GET /v1/models` answer (`{data:[{id, ...}]}`), as the openai and anthropic preflights do. */
import { isRecord, numberField } from '../../core/json.ts';

export interface ListedModel {
  id: string;
  ownedBy: string | null;
  /** llama-server's `meta` (n_params, n_ctx_train, size …), when present. */
  meta: Record<string, unknown> | null;
  /** vLLM's `max_model_len` (vllm/entrypoints/openai/engine/protocol.py ModelCard), when present. */
  maxModelLen: number | null;
}

/** The models in a `/v1/models` answer; null when the body is not that shape. */
export function listedModels(json: unknown): ListedModel[] | null {
  if (!isRecord(json) || !Array.isArray(json.data)) return null;
  return json.data.filter(isRecord).map((entry) => ({
    id: typeof entry.id === 'string' ? entry.id : '',
    ownedBy: typeof entry.owned_by === 'string' ? entry.owned_by : null,
    meta: isRecord(entry.meta) ? entry.meta : null,
    maxModelLen: typeof entry.max_model_len === 'number' && entry.max_model_len > 0 ? entry.max_model_len : null,
  }));
}

/**
 * The listed model that serves `model` (Ollama lists `qwen3` as `qwen3:latest`). llama-server in single-model mode answers any model name
 * (its id is the GGUF path unless started with --alias), so its one model always matches.
 */
export function findServedModel(models: readonly ListedModel[], model: string): ListedModel | null {
  const exact = models.find((entry) => entry.id === model) ?? models.find((entry) => entry.id === `${model}:latest`);
  if (exact) return exact;
  const [only] = models;
  if (models.length === 1 && only !== undefined && only.ownedBy === 'llamacpp') return only;
  return null;
}

/** Fingerprint facts from a listed model (llama-server's `meta`). */
export function listedModelFacts(entry: ListedModel): Record<string, string | number | null> {
  const meta = entry.meta ?? {};
  return {
    served_id: entry.id,
    owned_by: entry.ownedBy,
    parameter_count: numberField(meta, 'n_params'),
    context_length_trained: numberField(meta, 'n_ctx_train'),
    size_bytes: numberField(meta, 'size'),
  };
}
