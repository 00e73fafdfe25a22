/**
 * Model listing and facts, in the shapes of the real servers' own response types:
 * - Ollama `/api/version`, `/api/tags`, `/api/show` (api/types.go ShowResponse: details, model_info
 *   with GGUF keys, capabilities) and `/api/ps` (ProcessModelResponse: size, size_vram, expires_at,
 *   context_length), ollama/ollama commit fb30760996871fa9460115c753afd2c60d4ab0f7.
 * - llama-server `/props` and the `meta` of `/v1/models` (tools/server/server-context.cpp `get_props`,
 *   `get_models`, `model_meta`; ggml-org/llama.cpp commit fb4026604c67c682f552337ec9b91eced0abd35a).
 * - vLLM `/v1/models` (ModelCard: root, parent, max_model_len, permission).
 */
import { createHash } from 'node:crypto';
import { simContextLength } from './personas/facts.ts';
import type { PersonaInfo, SimFlavour } from './types.ts';

export { simContextLength } from './personas/facts.ts';

/** Contains "sim" so nobody mistakes the sim for a real Ollama. */
export const simVersion = '0.20.2-sim';

const modifiedAt = '2026-01-01T00:00:00Z';

/** Ollama keeps a model loaded this long after its last request (OLLAMA_KEEP_ALIVE default). */
export const keepAliveMs = 5 * 60 * 1000;

function digest(name: string): string {
  return createHash('sha256').update(`sim-persona:${name}`).digest('hex');
}

function details(persona: PersonaInfo): Record<string, unknown> {
  return {
    parent_model: '',
    format: 'gguf',
    family: persona.facts.architecture,
    families: [persona.facts.architecture],
    parameter_size: persona.facts.parameterSize,
    quantization_level: persona.facts.quantization,
  };
}

/** `GET /api/tags`. */
export function ollamaTags(personas: readonly PersonaInfo[]): unknown {
  return {
    models: personas.map((p) => ({
      name: p.name,
      model: p.name,
      modified_at: modifiedAt,
      size: 4_000_000_000,
      digest: digest(p.name),
      details: details(p),
    })),
  };
}

/** `model_info` as Ollama reports GGUF metadata: architecture, sizes, trained context, experts. */
function modelInfo(persona: PersonaInfo): Record<string, unknown> {
  const { facts } = persona;
  const arch = facts.architecture;
  const info: Record<string, unknown> = {
    'general.architecture': arch,
    'general.parameter_count': facts.parameterCount,
    [`${arch}.context_length`]: facts.contextTrained,
  };
  if (facts.sizeLabel !== null) info['general.size_label'] = facts.sizeLabel;
  if (facts.experts !== null) {
    info[`${arch}.expert_count`] = facts.experts.count;
    info[`${arch}.expert_used_count`] = facts.experts.used;
  }
  return info;
}

/** `POST /api/show` for a known persona. */
export function ollamaShow(persona: PersonaInfo): unknown {
  return {
    license: 'Scripted test persona of the benchmark harness; not a model.',
    modelfile: `# scripted persona ${persona.name}\nFROM sim\n`,
    parameters: `num_ctx ${simContextLength}\ntemperature 0`,
    template: '{{ .Prompt }}',
    details: details(persona),
    model_info: modelInfo(persona),
    capabilities: persona.facts.capabilities,
    modified_at: modifiedAt,
    digest: digest(persona.name),
  };
}

/** A model Ollama holds in memory: the context it was loaded with and when it is let go. */
export interface LoadedModel {
  persona: PersonaInfo;
  contextLength: number;
  /** Wall-clock ms. */
  expiresAt: number;
}

/** `GET /api/ps`: the loaded models, most recently used first. */
export function ollamaPs(loaded: readonly LoadedModel[]): unknown {
  return {
    models: loaded.map(({ persona, contextLength, expiresAt }) => ({
      name: persona.name,
      model: persona.name,
      size: persona.facts.sizeBytes,
      digest: digest(persona.name),
      details: details(persona),
      expires_at: new Date(expiresAt).toISOString(),
      size_vram: persona.facts.vramBytes,
      context_length: contextLength,
    })),
  };
}

/** `POST /api/chat` without messages: Ollama only loads the model. */
export function ollamaLoaded(model: string): unknown {
  return {
    model,
    created_at: new Date().toISOString(),
    message: { role: 'assistant', content: '' },
    done_reason: 'load',
    done: true,
  };
}

/** The context a persona runs with when nothing else says (llama-server `-c`, vLLM `max_model_len`). */
function servedContext(persona: PersonaInfo): number {
  return persona.servedContext?.tokens ?? Math.min(simContextLength, persona.facts.contextTrained);
}

/** llama-server's `model_meta()`. */
function llamaMeta(persona: PersonaInfo): Record<string, unknown> {
  return {
    vocab_type: 2,
    n_vocab: 151_936,
    n_ctx_train: persona.facts.contextTrained,
    n_embd: 4096,
    n_params: persona.facts.parameterCount,
    size: persona.facts.sizeBytes,
  };
}

/** vLLM's model card fields. */
function vllmCard(persona: PersonaInfo, created: number): Record<string, unknown> {
  return {
    owned_by: 'vllm',
    root: persona.name,
    parent: null,
    max_model_len: servedContext(persona),
    permission: [
      {
        id: `modelperm-sim${digest(persona.name).slice(0, 24)}`,
        object: 'model_permission',
        created,
        allow_create_engine: false,
        allow_sampling: true,
        allow_logprobs: true,
        allow_search_indices: false,
        allow_view: true,
        allow_fine_tuning: false,
        organization: '*',
        group: null,
        is_blocking: false,
      },
    ],
  };
}

/**
 * `GET /v1/models`, readable both as an OpenAI list and as an Anthropic model page, with each
 * entry's server-specific fields: llama-server's `meta` (and its Ollama-style `models` list),
 * vLLM's `max_model_len`.
 */
export function modelList(personas: readonly PersonaInfo[], flavour: SimFlavour = 'ollama'): unknown {
  const created = Math.floor(Date.parse(modifiedAt) / 1000);
  const data = personas.map((p) => ({
    id: p.name,
    object: 'model',
    type: 'model',
    display_name: p.name,
    created,
    created_at: modifiedAt,
    owned_by: 'sim',
    ...(flavour === 'llama-server' ? { owned_by: 'llamacpp', meta: llamaMeta(p) } : {}),
    ...(flavour === 'vllm' ? vllmCard(p, created) : {}),
  }));
  const list = {
    object: 'list',
    data,
    has_more: false,
    first_id: data[0]?.id ?? null,
    last_id: data.at(-1)?.id ?? null,
  };
  if (flavour !== 'llama-server') return list;
  const models = personas.map((p) => ({ name: p.name, model: p.name, type: 'model', capabilities: ['completion'] }));
  return { models, ...list };
}

/** llama-server's `GET /props` for one model: the loaded context is `default_generation_settings.n_ctx`. */
export function llamaProps(persona: PersonaInfo): unknown {
  return {
    default_generation_settings: {
      params: { n_predict: -1, temperature: 0.8, top_k: 40, top_p: 0.95, min_p: 0.05, stream: false },
      n_ctx: servedContext(persona),
    },
    total_slots: 1,
    model_alias: persona.name,
    model_path: `/models/${persona.name}.gguf`,
    modalities: { vision: false, audio: false },
    endpoint_slots: true,
    endpoint_props: false,
    endpoint_metrics: false,
    webui: true,
    chat_template: '{{ messages }}',
    bos_token: '<s>',
    eos_token: '</s>',
    build_info: 'b0000-sim',
  };
}
