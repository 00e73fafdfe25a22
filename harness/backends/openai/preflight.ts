/** OpenAI-dialect preflight: `GET /v1/models`, the model must be listed. */

import { modelsPreflight } from '../shared/models-preflight.ts';
import type { PreflightResult } from '../types.ts';

const startHint = 'Start the server (llama-server, vLLM, LM Studio or "ollama serve") or pass --base-url.';

/** Checks that the OpenAI-compatible server answers and serves `model`. */
export function openAiPreflight(baseUrl: string, model: string, fetchImpl: typeof fetch): Promise<PreflightResult> {
  return modelsPreflight(baseUrl, model, fetchImpl, { startHint });
}
