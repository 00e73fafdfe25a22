/**
 * Hardware and model facts the report carries next to the numbers: the accelerator (for an LLM
 * benchmark the most important hardware fact) and, per model, what the backend says about it
 * (architecture, dense or MoE, parameters, quantisation, memory, context). Each field is null
 * when the backend does not say; `sources` names the endpoints the facts came from.
 */
import Type from 'typebox';
import { oneOf } from './schema-kit.ts';

const Nullable = <T extends Type.TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const NvidiaGpu = Type.Object(
  { name: Type.String(), memoryMiB: Nullable(Type.Number()), driver: Nullable(Type.String()) },
  { additionalProperties: false },
);
export type NvidiaGpu = Type.Static<typeof NvidiaGpu>;

export const Accelerator = oneOf([
  /** Apple silicon: the chip, its GPU cores and the unified memory the GPU shares. */
  Type.Object(
    {
      kind: Type.Literal('apple'),
      chip: Type.String(),
      gpuCores: Nullable(Type.Integer({ minimum: 0 })),
      unifiedMemoryGiB: Nullable(Type.Number({ minimum: 0 })),
    },
    { additionalProperties: false },
  ),
  Type.Object({ kind: Type.Literal('nvidia'), gpus: Type.Array(NvidiaGpu) }, { additionalProperties: false }),
  /** No accelerator found; `checked` says what was tried ("nvidia-smi: not found"). */
  Type.Object({ kind: Type.Literal('none'), checked: Type.Array(Type.String()) }, { additionalProperties: false }),
]);
export type Accelerator = Type.Static<typeof Accelerator>;

export const ModelMemory = Type.Object(
  {
    /** Bytes the loaded model takes (Ollama /api/ps `size`). */
    sizeBytes: Type.Number({ minimum: 0 }),
    /** Bytes of it in GPU memory (Ollama /api/ps `size_vram`). */
    vramBytes: Type.Number({ minimum: 0 }),
    /** True when part of the model runs on the CPU (vramBytes < sizeBytes): decode is much slower. */
    cpuOffload: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type ModelMemory = Type.Static<typeof ModelMemory>;

export const ModelFacts = Type.Object(
  {
    digest: Nullable(Type.String()),
    /** GGUF architecture or HF model type (llama, gemma3, qwen3moe …). */
    architecture: Nullable(Type.String()),
    /** Mixture of experts: expert count and experts used per token; null for a dense model or unknown. */
    moe: Nullable(
      Type.Object(
        { experts: Type.Integer({ minimum: 1 }), expertsUsed: Nullable(Type.Integer({ minimum: 1 })) },
        { additionalProperties: false },
      ),
    ),
    /** True when the backend's facts say dense (no expert count); null when unknown. */
    dense: Nullable(Type.Boolean()),
    parametersTotal: Nullable(Type.Number({ minimum: 0 })),
    /** Parameters active per token (MoE); equal to the total for a dense model. */
    parametersActive: Nullable(Type.Number({ minimum: 0 })),
    quantisation: Nullable(Type.String()),
    /** Context the model was trained for, and the context the server has loaded it with. */
    contextTrained: Nullable(Type.Integer({ minimum: 0 })),
    contextLoaded: Nullable(Type.Integer({ minimum: 0 })),
    memory: Nullable(ModelMemory),
    /** Ollama /api/show `capabilities` (completion, tools, thinking, vision …). */
    capabilities: Nullable(Type.Array(Type.String())),
    /** Endpoints the facts came from ("ollama /api/show", "llama-server /props"). */
    sources: Type.Array(Type.String()),
  },
  { additionalProperties: false },
);
export type ModelFacts = Type.Static<typeof ModelFacts>;
