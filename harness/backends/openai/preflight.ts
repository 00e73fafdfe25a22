/** OpenAI-dialect preflight: `GET /v1/models`, the model must be listed; then its facts and context. */

import { modelsPreflight } from '../shared/models-preflight.ts';
import type { PreflightRequest } from '../shared/server-context.ts';
import type { PreflightResult } from '../types.ts';

const startHint = 'Start the server (llama-server, vLLM, LM Studio or "ollama serve") or pass --base-url.';

/** Checks that the OpenAI-compatible server answers and serves `model`. */
export function openAiPreflight(
  baseUrl: string,
  model: string,
  fetchImpl: typeof fetch,
  request: PreflightRequest,
): Promise<PreflightResult> {
  return modelsPreflight(baseUrl, model, fetchImpl, request, { dialect: 'openai', startHint });
}
