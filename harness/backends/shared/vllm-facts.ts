/**
 * Model facts and context from vLLM: its `/v1/models` card carries `max_model_len`, the longest
 * prompt plus output it accepts (vllm-project/vllm vllm/entrypoints/openai/engine/protocol.py
 * ModelCard, filled in models/serving.py show_available_models). It says nothing else about the model.
 */
import type { ModelFacts } from '../../core/facts.ts';
import type { ListedModel } from './models-list.ts';
import { recommendedContext, type ServerContext } from './server-context.ts';
import { unknownFacts } from './unknown-facts.ts';

/** Facts from the served `/v1/models` card. */
export function vllmModelFacts(listed: ListedModel): ModelFacts {
  return { ...unknownFacts(['vllm /v1/models']), contextLoaded: listed.maxModelLen };
}

/** The context vLLM was started with (`--max-model-len`, else the model's own maximum). */
export function vllmContext(listed: ListedModel): ServerContext {
  if (listed.maxModelLen === null) return { kind: 'unknown', reason: 'vLLM lists no max_model_len' };
  return {
    kind: 'known',
    tokens: listed.maxModelLen,
    basis: "vLLM's max_model_len",
    fix: `Restart vLLM with --max-model-len ${recommendedContext}.`,
  };
}
