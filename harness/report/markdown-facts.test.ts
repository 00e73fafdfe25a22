import { describe, expect, it } from 'vitest';
import type { Accelerator, ModelFacts } from '../core/facts.ts';
import { acceleratorText, modelFactsTable } from './markdown-facts.ts';

const blank: ModelFacts = {
  digest: null,
  architecture: null,
  moe: null,
  dense: null,
  parametersTotal: null,
  parametersActive: null,
  quantisation: null,
  contextTrained: null,
  contextLoaded: null,
  memory: null,
  capabilities: null,
  sources: [],
};

describe('acceleratorText', () => {
  it.each<{ accelerator: Accelerator; text: string }>([
    {
      accelerator: { kind: 'apple', chip: 'Apple M3 Pro', gpuCores: 14, unifiedMemoryGiB: 36 },
      text: 'Apple M3 Pro, 14-core GPU, 36 GiB unified memory',
    },
    {
      accelerator: { kind: 'apple', chip: 'Apple M1', gpuCores: null, unifiedMemoryGiB: null },
      text: 'Apple M1, GPU cores unknown, unified memory unknown',
    },
    {
      accelerator: {
        kind: 'nvidia',
        gpus: [
          { name: 'Quadro RTX 4000', memoryMiB: 8192, driver: '535.129.03' },
          { name: 'Quadro RTX 4000', memoryMiB: 8192, driver: '535.129.03' },
          { name: 'GeForce RTX 2080', memoryMiB: null, driver: null },
        ],
      },
      text: '2 × Quadro RTX 4000 (8,192 MiB, driver 535.129.03); GeForce RTX 2080 (memory unknown, driver unknown)',
    },
    { accelerator: { kind: 'none', checked: ['nvidia-smi: not found'] }, text: 'none found (nvidia-smi: not found)' },
  ])('writes $text', ({ accelerator, text }) => {
    expect(acceleratorText(accelerator)).toBe(text);
  });
});

describe('modelFactsTable', () => {
  it.each<{ name: string; facts: ModelFacts; row: string }>([
    {
      name: 'a MoE model with its active parameters, fully on the GPU',
      facts: {
        ...blank,
        architecture: 'qwen3moe',
        moe: { experts: 128, expertsUsed: 8 },
        dense: false,
        parametersTotal: 30532122624,
        parametersActive: 3353032704,
        quantisation: 'Q4_K_M',
        contextTrained: 262144,
        contextLoaded: 32768,
        memory: { sizeBytes: 19585815552, vramBytes: 19585815552, cpuOffload: false },
      },
      row: '| m | qwen3moe (MoE, 128 experts, 8 used per token) | 30.5B / 3.4B | Q4_K_M | 18.2 GiB, all on the GPU | 32,768 (trained 262,144) |',
    },
    {
      name: 'a dense model partly offloaded to the CPU',
      facts: {
        ...blank,
        architecture: 'gemma4',
        dense: true,
        quantisation: 'Q4_K_M',
        contextTrained: 131072,
        contextLoaded: 4096,
        memory: { sizeBytes: 6591830464, vramBytes: 5333539264, cpuOffload: true },
      },
      row: '| m | gemma4 (dense) | — | Q4_K_M | 5.0 of 6.1 GiB on the GPU — partial CPU offload | 4,096 (trained 131,072) |',
    },
    {
      name: 'a server that says little (vLLM)',
      facts: { ...blank, contextLoaded: 8192 },
      row: '| m | — | — | — | — | 8,192 |',
    },
  ])('writes $name', ({ facts, row }) => {
    const lines = modelFactsTable({ m: facts }).split('\n');
    expect(lines.slice(0, 3)).toEqual([
      '| Model | Architecture | Total / active params | Quantisation | VRAM | Context |',
      '|---|---|---|---|---|---|',
      row,
    ]);
  });

  it('names the endpoints each row was read from', () => {
    const table = modelFactsTable({ a: { ...blank, sources: ['ollama /api/show', 'ollama /api/ps'] }, b: blank });
    expect(table.split('\n').at(-1)).toBe('Read from a: ollama /api/show, ollama /api/ps; b: nothing.');
  });

  it('writes nothing for no models', () => {
    expect(modelFactsTable({})).toBe('');
  });
});
