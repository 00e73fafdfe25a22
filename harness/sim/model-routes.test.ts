import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimServer } from './server.ts';
import { startSimServer } from './server.ts';
import { lruPrompt } from './test-kit/conversations.ts';
import { wireExchange } from './test-kit/dialect-wire.ts';
import { postJson } from './test-kit/read-wire.ts';
import type { SimFlavour } from './types.ts';

const sims = new Map<SimFlavour, SimServer>();
beforeAll(async () => {
  for (const flavour of ['ollama', 'llama-server', 'vllm'] as const)
    sims.set(flavour, await startSimServer({ timeScale: 0, flavour }));
});
afterAll(async () => {
  for (const sim of sims.values()) await sim.close();
});

const url = (flavour: SimFlavour): string => (sims.get(flavour) as SimServer).url;
const getJson = async (address: string): Promise<Record<string, unknown>> =>
  (await (await fetch(address)).json()) as Record<string, unknown>;
const show = async (model: string): Promise<Record<string, unknown>> =>
  (await (await postJson(`${url('ollama')}/api/show`, { model })).json()) as Record<string, unknown>;

describe('Ollama /api/show facts per persona', () => {
  it('keeps the dense 7B default for the experiment personas', async () => {
    expect(await show('sim-correct')).toMatchObject({
      details: { family: 'sim', parameter_size: '7B', quantization_level: 'Q4_K_M' },
      model_info: {
        'general.architecture': 'sim',
        'general.parameter_count': 7_000_000_000,
        'sim.context_length': 32768,
      },
      capabilities: ['completion', 'tools', 'thinking'],
    });
  });

  it('describes sim-moe as a mixture of experts in GGUF keys', async () => {
    expect((await show('sim-moe')).model_info).toEqual({
      'general.architecture': 'qwen3moe',
      'general.parameter_count': 30_532_122_624,
      'general.size_label': '30B-A3B',
      'qwen3moe.context_length': 262_144,
      'qwen3moe.expert_count': 128,
      'qwen3moe.expert_used_count': 8,
    });
  });

  it.each([
    ['sim-notools', 'capabilities', ['completion']],
    ['sim-ctx-4096', 'model_info', expect.objectContaining({ 'sim.context_length': 4096 })],
  ])('reports %s %s', async (model, key, value) => {
    expect((await show(model))[key]).toEqual(value);
  });
});

describe('Ollama /api/ps', () => {
  it('lists the models requests loaded, with the context they run with and their memory', async () => {
    const sim = url('ollama');
    await wireExchange(sim, 'ollama', {
      model: 'sim-ctx-4096',
      prompt: lruPrompt,
      tools: [],
      extra: { options: { num_ctx: 32768 } },
    });
    await wireExchange(sim, 'anthropic', { model: 'sim-correct', prompt: lruPrompt, tools: [] });
    await postJson(`${sim}/api/chat`, { model: 'sim-slow' }).then((r) => r.text());
    const ps = (await getJson(`${sim}/api/ps`)) as { models: Array<Record<string, unknown>> };
    const byName = new Map(ps.models.map((m) => [m.name, m]));
    expect([...byName.keys()].sort()).toEqual(['sim-correct', 'sim-ctx-4096', 'sim-slow']);
    // num_ctx above the trained length is capped to it; without num_ctx Ollama's default applies.
    expect(byName.get('sim-ctx-4096')).toMatchObject({
      context_length: 4096,
      size: 5_100_000_000,
      size_vram: 5_100_000_000,
    });
    expect(byName.get('sim-correct')).toMatchObject({ context_length: 32768, details: { family: 'sim' } });
    expect(byName.get('sim-slow')).toMatchObject({ size: 5_100_000_000, size_vram: 3_000_000_000 });
    const expires = Date.parse(String(byName.get('sim-correct')?.expires_at));
    expect(expires - Date.now()).toBeGreaterThan(4 * 60 * 1000);
    expect(byName.get('sim-correct')?.digest).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('llama-server facts', () => {
  it('serves /props with the loaded context of the model asked for', async () => {
    const props = await getJson(`${url('llama-server')}/props?model=sim-ctx-4096`);
    expect(props).toMatchObject({
      default_generation_settings: { n_ctx: 4096 },
      total_slots: 1,
      model_alias: 'sim-ctx-4096',
      model_path: '/models/sim-ctx-4096.gguf',
      modalities: { vision: false, audio: false },
    });
    expect(await getJson(`${url('llama-server')}/props`)).toMatchObject({ model_alias: 'sim-correct' });
  });

  it('puts model_meta into /v1/models, next to an Ollama-style models list', async () => {
    const list = (await getJson(`${url('llama-server')}/v1/models`)) as {
      models: Array<{ name: string }>;
      data: Array<Record<string, unknown>>;
    };
    expect(list.models.map((m) => m.name)).toContain('sim-moe');
    expect(list.data.find((m) => m.id === 'sim-moe')).toMatchObject({
      object: 'model',
      owned_by: 'llamacpp',
      meta: { n_ctx_train: 262_144, n_params: 30_532_122_624, size: 19_800_000_000 },
    });
  });
});

describe('vLLM facts', () => {
  it('gives each model card its max_model_len', async () => {
    const list = (await getJson(`${url('vllm')}/v1/models`)) as { data: Array<Record<string, unknown>> };
    expect(list.data.find((m) => m.id === 'sim-vllm-budget')).toMatchObject({
      owned_by: 'vllm',
      root: 'sim-vllm-budget',
      parent: null,
      max_model_len: 16384,
    });
    expect(list.data.find((m) => m.id === 'sim-ctx-4096')).toMatchObject({ max_model_len: 4096 });
    expect(list.data.find((m) => m.id === 'sim-correct')).toMatchObject({ max_model_len: 32768 });
  });
});

describe('facts endpoints belong to their server', () => {
  it.each([
    ['ollama', '/props'],
    ['llama-server', '/api/ps'],
    ['vllm', '/api/ps'],
    ['vllm', '/props'],
  ] as const)('%s does not serve %s', async (flavour, path) => {
    expect((await fetch(`${url(flavour)}${path}`)).status).toBe(404);
  });
});
