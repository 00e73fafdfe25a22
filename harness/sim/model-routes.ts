/** Model listing and facts: Ollama `/api/version`, `/api/tags`, `/api/show`; OpenAI-style `/v1/models`. */
import { createHash } from 'node:crypto';
import type { PersonaInfo } from './types.ts';

/** Contains "sim" so nobody mistakes the sim for a real Ollama. */
export const simVersion = '0.20.2-sim';

/** The sim's pretend context window, reported by /api/show. */
export const simContextLength = 32768;

const modifiedAt = '2026-01-01T00:00:00Z';

function digest(name: string): string {
  return createHash('sha256').update(`sim-persona:${name}`).digest('hex');
}

function details(): Record<string, unknown> {
  return {
    parent_model: '',
    format: 'gguf',
    family: 'sim',
    families: ['sim'],
    parameter_size: '7B',
    quantization_level: 'Q4_K_M',
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
      details: details(),
    })),
  };
}

/** `POST /api/show` for a known persona. */
export function ollamaShow(persona: PersonaInfo): unknown {
  return {
    license: 'Scripted test persona of the benchmark harness; not a model.',
    modelfile: `# scripted persona ${persona.name}\nFROM sim\n`,
    parameters: `num_ctx ${simContextLength}\ntemperature 0`,
    template: '{{ .Prompt }}',
    details: details(),
    model_info: {
      'general.architecture': 'sim',
      'general.parameter_count': 7_000_000_000,
      'sim.context_length': simContextLength,
    },
    capabilities: ['completion', 'tools', 'thinking'],
    modified_at: modifiedAt,
    digest: digest(persona.name),
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

/** `GET /v1/models`, readable both as an OpenAI list and as an Anthropic model page. */
export function modelList(personas: readonly PersonaInfo[]): unknown {
  const created = Math.floor(Date.parse(modifiedAt) / 1000);
  const data = personas.map((p) => ({
    id: p.name,
    object: 'model',
    type: 'model',
    display_name: p.name,
    created,
    created_at: modifiedAt,
    owned_by: 'sim',
  }));
  return { object: 'list', data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null };
}
