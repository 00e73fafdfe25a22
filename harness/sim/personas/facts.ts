/**
 * What the server says about the model behind each persona: the dense 7B default every persona
 * had so far, and the variants some personas need (a MoE, a small trained context, no tools, a
 * model partly offloaded to the CPU). Shapes follow GGUF metadata as Ollama's /api/show reports it.
 */
import type { PersonaFacts } from '../types.ts';

/** The sim's pretend context window: the default persona's trained length and Ollama's num_ctx default. */
export const simContextLength = 32768;

export const defaultFacts: PersonaFacts = {
  architecture: 'sim',
  parameterCount: 7_000_000_000,
  parameterSize: '7B',
  sizeLabel: null,
  quantization: 'Q4_K_M',
  contextTrained: simContextLength,
  experts: null,
  sizeBytes: 5_100_000_000,
  vramBytes: 5_100_000_000,
  capabilities: ['completion', 'tools', 'thinking'],
};

/** A 30B mixture of experts with 3B active, 128 experts of which 8 run per token (Qwen3-Coder-30B-A3B's shape). */
export const moeFacts: PersonaFacts = {
  architecture: 'qwen3moe',
  parameterCount: 30_532_122_624,
  parameterSize: '30.5B',
  sizeLabel: '30B-A3B',
  quantization: 'Q4_K_M',
  contextTrained: 262_144,
  experts: { count: 128, used: 8 },
  sizeBytes: 19_800_000_000,
  vramBytes: 19_800_000_000,
  capabilities: ['completion', 'tools'],
};

/** The default model with only part of it in GPU memory: decode runs partly on the CPU. */
export const offloadedFacts: PersonaFacts = { ...defaultFacts, vramBytes: 3_000_000_000 };
