import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { ModelFacts } from '../../core/facts.ts';
import { factsBody } from '../test-kit/facts-fixtures.ts';
import { activeParameters, loadedOllamaModel, modelfileNumCtx, ollamaModelFacts } from './ollama-facts.ts';

const validFacts = new Ajv({ strict: false }).compile(ModelFacts);
const ollama = (file: string): unknown => factsBody('ollama', file);

describe('ollamaModelFacts', () => {
  it.each([
    {
      name: 'a dense model, partly offloaded to the CPU (openapi.yaml gemma4 examples)',
      model: 'gemma4',
      answers: { show: ollama('show-gemma4.json'), tags: ollama('tags-gemma4.json'), ps: ollama('ps-gemma4.json') },
      expected: {
        digest: 'c6eb396dbd5992bbe3f5cdb947e8bbc0ee413d7c17e2beaae69f5d569cf982eb',
        architecture: 'gemma4',
        moe: null,
        dense: true,
        parametersTotal: null,
        parametersActive: null,
        quantisation: 'Q4_K_M',
        contextTrained: 131072,
        contextLoaded: 4096,
        memory: { sizeBytes: 6591830464, vramBytes: 5333539264, cpuOffload: true },
        capabilities: ['completion', 'vision'],
        sources: ['ollama /api/show', 'ollama /api/tags', 'ollama /api/ps'],
      },
    },
    {
      name: 'a dense model that is not loaded (docs/api.md llava example)',
      model: 'llava',
      answers: { show: ollama('show-llava.json'), tags: undefined },
      expected: {
        digest: null,
        architecture: 'llama',
        moe: null,
        dense: true,
        parametersTotal: 8030261248,
        parametersActive: 8030261248,
        quantisation: 'Q4_0',
        contextTrained: 8192,
        contextLoaded: null,
        memory: null,
        capabilities: ['completion', 'vision'],
        sources: ['ollama /api/show'],
      },
    },
    {
      name: 'a MoE model: experts from model_info, active parameters from the expert tensors',
      model: 'qwen3-coder:30b',
      answers: {
        show: ollama('show-qwen3-coder-30b.json'),
        tags: ollama('tags-qwen3-coder-30b.json'),
        ps: ollama('ps-qwen3-coder-30b.json'),
      },
      expected: {
        digest: '06c1097efce0431c2045fe7b2e5108366e43bee1b4603a7aded8f21689e90bca',
        architecture: 'qwen3moe',
        moe: { experts: 128, expertsUsed: 8 },
        dense: false,
        parametersTotal: 30532122624,
        // 30,532,122,624 − 48 layers × 3 × 2048 × 768 × 128 routed × (1 − 8/128): Qwen's "A3B", 3.3B active.
        parametersActive: 3353032704,
        quantisation: 'Q4_K_M',
        contextTrained: 262144,
        contextLoaded: 4096,
        memory: { sizeBytes: 19585815552, vramBytes: 19585815552, cpuOffload: false },
        capabilities: ['completion', 'tools'],
        sources: ['ollama /api/show', 'ollama /api/tags', 'ollama /api/ps'],
      },
    },
  ])('reads $name', ({ model, answers, expected }) => {
    const facts = ollamaModelFacts(model, answers);
    expect(facts).toEqual(expected);
    expect(validFacts(facts)).toBe(true);
  });

  it('says nothing it was not told when /api/show is empty', () => {
    const facts = ollamaModelFacts('m', { show: {}, tags: { models: [] } });
    expect(facts).toMatchObject({ architecture: null, dense: null, moe: null, capabilities: null, memory: null });
    expect(validFacts(facts)).toBe(true);
  });
});

describe('loadedOllamaModel', () => {
  it.each([
    { name: 'a loaded model by its untagged name', model: 'gemma4', file: 'ps-gemma4.json', contextLength: 4096 },
    {
      name: 'an /api/ps without context_length',
      model: 'gemma3',
      file: 'ps-gemma3-no-context-length.json',
      contextLength: null,
    },
  ])('reads $name', ({ model, file, contextLength }) => {
    expect(loadedOllamaModel(ollama(file), model)).toMatchObject({ contextLength });
  });

  it('returns null for a model that is not loaded', () => {
    expect(loadedOllamaModel(ollama('ps-gemma4.json'), 'qwen3:8b')).toBeNull();
  });

  it('takes a missing size_vram as 0, as Ollama before 0.1.42 meant it (all on the CPU)', () => {
    expect(loadedOllamaModel({ models: [{ name: 'm:latest', size: 100 }] }, 'm')).toEqual({
      sizeBytes: 100,
      vramBytes: 0,
      contextLength: null,
    });
  });
});

describe('modelfileNumCtx', () => {
  it.each([
    { name: 'gemma4 (openapi.yaml: "temperature 0.7\\nnum_ctx 2048")', show: ollama('show-gemma4.json'), numCtx: 2048 },
    { name: 'llava (its parameters carry no num_ctx)', show: ollama('show-llava.json'), numCtx: null },
    {
      name: 'padded like `ollama show` pads',
      show: { parameters: 'num_ctx                        8192\n' },
      numCtx: 8192,
    },
  ])('reads $name', ({ show, numCtx }) => {
    expect(modelfileNumCtx(show)).toBe(numCtx);
  });
});

describe('activeParameters', () => {
  it.each([
    { name: 'no tensors listed', tensors: undefined },
    {
      name: 'no routed expert tensors (old split-expert GGUF)',
      tensors: [{ name: 'blk.0.ffn_gate.0.weight', shape: [4, 4] }],
    },
    { name: 'a shape that is not numbers', tensors: [{ name: 'blk.0.ffn_up_exps.weight', shape: ['4'] }] },
  ])('gives null, not a guess, for $name', ({ tensors }) => {
    expect(activeParameters(1000, { experts: 8, expertsUsed: 2 }, tensors)).toBeNull();
  });
});
