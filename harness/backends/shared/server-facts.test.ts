import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { ModelFacts } from '../../core/facts.ts';
import { factsBody } from '../test-kit/facts-fixtures.ts';
import { llamaServerContext, llamaServerModelFacts } from './llama-server-facts.ts';
import { lmStudioContext, lmStudioEntry, lmStudioModelFacts } from './lm-studio-facts.ts';
import { type ListedModel, listedModels } from './models-list.ts';
import { vllmContext, vllmModelFacts } from './vllm-facts.ts';

const validFacts = new Ajv({ strict: false }).compile(ModelFacts);

function listed(server: 'llama-server' | 'vllm', file: string): ListedModel {
  const [first] = listedModels(factsBody(server, file)) ?? [];
  if (first === undefined) throw new Error(`${file} lists no model`);
  return first;
}

describe('llama-server facts', () => {
  const props = factsBody('llama-server', 'props-readme.json');
  const model = listed('llama-server', 'v1-models-readme.json');

  it('reads parameters and trained context from /v1/models meta and the slot context from /props', () => {
    const facts = llamaServerModelFacts(props, model);
    expect(facts).toMatchObject({
      parametersTotal: 8030261312,
      contextTrained: 131072,
      contextLoaded: 1024,
      architecture: null,
      moe: null,
      sources: ['llama-server /v1/models', 'llama-server /props'],
    });
    expect(validFacts(facts)).toBe(true);
  });

  it.each([
    {
      name: 'one slot',
      props,
      context: { kind: 'known', tokens: 1024, fix: 'Restart llama-server with -c 32768.' },
    },
    {
      name: 'four slots sharing -c',
      props: { default_generation_settings: { n_ctx: 8192 }, total_slots: 4 },
      context: {
        kind: 'known',
        tokens: 8192,
        basis: "llama-server's per-slot context (/props n_ctx, 4 slots)",
        fix: 'Restart llama-server with a larger -c (a slot gets 8192; with 4 slots and no unified KV cache -c is split among them, so -np 1 -c 32768 is the simplest fix).',
      },
    },
    {
      name: 'no /props answer and no n_ctx in meta',
      props: undefined,
      context: { kind: 'unknown', reason: 'llama-server reports no n_ctx in /props' },
    },
  ])('reads the context with $name', ({ props: answer, context }) => {
    expect(llamaServerContext(answer, model)).toMatchObject(context);
  });
});

describe('llama-server facts, recorded from a real server (b1-de3ff81)', () => {
  it.each([
    {
      name: '-c 8192 -np 2 on a model trained for 4096',
      file: 'np2',
      facts: { parametersTotal: 513048, quantisation: 'F16', contextTrained: 4096, contextLoaded: 4096 },
      context: {
        tokens: 4096,
        fix: 'Restart llama-server with a larger -c (a slot gets 4096; with 2 slots and no unified KV cache -c is split among them, so -np 1 -c 32768 is the simplest fix).',
      },
    },
    {
      name: '-c 16384 -np 4, trained length overridden to 131072',
      file: 'np4-override',
      facts: { parametersTotal: 513048, quantisation: 'F16', contextTrained: 131072, contextLoaded: 4096 },
      context: {
        tokens: 4096,
        basis: "llama-server's per-slot context (/props n_ctx, 4 slots)",
        fix: 'Restart llama-server with a larger -c (a slot gets 4096; with 4 slots and no unified KV cache -c is split among them, so -np 1 -c 32768 is the simplest fix).',
      },
    },
  ])('reads $name', ({ file, facts, context }) => {
    const props = factsBody('llama-server', `props-tiny-${file}.json`);
    const model = listed('llama-server', `v1-models-tiny-${file}.json`);
    const read = llamaServerModelFacts(props, model);
    expect(read).toMatchObject(facts);
    expect(validFacts(read)).toBe(true);
    expect(llamaServerContext(props, model)).toMatchObject({ kind: 'known', ...context });
  });
});

describe('vLLM facts', () => {
  const model = listed('vllm', 'v1-models.json');

  it('reads max_model_len as the context and says nothing else', () => {
    const facts = vllmModelFacts(model);
    expect(facts).toMatchObject({ contextLoaded: 8192, architecture: null, parametersTotal: null });
    expect(validFacts(facts)).toBe(true);
    expect(vllmContext(model)).toEqual({
      kind: 'known',
      tokens: 8192,
      basis: "vLLM's max_model_len",
      fix: 'Restart vLLM with --max-model-len 32768.',
    });
  });
});

describe('LM Studio facts', () => {
  it.each([
    {
      name: 'a loaded model (LM Studio 0.3.17, recorded)',
      file: 'api-v0-models-loaded-12918.json',
      id: 'google/gemma-3-4b',
      facts: { architecture: 'gemma3', quantisation: 'Q4_K_M', contextTrained: 131072, contextLoaded: 12918 },
      context: { kind: 'known', tokens: 12918 },
    },
    {
      name: 'a model loaded at the 4096 default (recorded)',
      file: 'api-v0-models-loaded-4096.json',
      id: 'llama-3.2-3b-instruct',
      facts: { architecture: 'llama', quantisation: '4bit', contextTrained: 131072, contextLoaded: 4096 },
      context: {
        kind: 'known',
        tokens: 4096,
        fix: 'Reload the model with a larger context: lms load llama-3.2-3b-instruct --context-length 32768, or the context length in its load settings.',
      },
    },
    {
      name: 'a model not loaded yet (docs)',
      file: 'api-v0-models-docs.json',
      id: 'meta-llama-3.1-8b-instruct',
      facts: { architecture: 'llama', quantisation: 'Q4_K_M', contextTrained: 131072, contextLoaded: null },
      context: { kind: 'unknown' },
    },
  ])('reads $name', ({ file, id, facts, context }) => {
    const entry = lmStudioEntry(factsBody('lm-studio', file), id);
    if (entry === null) throw new Error(`${id} not in ${file}`);
    const read = lmStudioModelFacts(entry);
    expect(read).toMatchObject(facts);
    expect(validFacts(read)).toBe(true);
    expect(lmStudioContext(entry, id)).toMatchObject(context);
  });

  it('is not fooled by an OpenAI-style list without LM Studio fields', () => {
    expect(lmStudioEntry({ data: [{ id: 'm', object: 'model' }] }, 'm')).toBeNull();
  });
});
