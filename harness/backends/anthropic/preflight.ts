/**
 * Anthropic-dialect preflight: `GET /v1/models` where the backend has it (llama-server, vLLM,
 * LM Studio, recent Ollama); otherwise, for an Ollama without it, `/api/version` and `/api/show`.
 */

import { isRecord } from '../../core/json.ts';
import { ollamaPreflightFor } from '../ollama/preflight.ts';
import { modelsPreflight } from '../shared/models-preflight.ts';
import { optionalPreflightJson } from '../shared/preflight-http.ts';
import type { PreflightRequest } from '../shared/server-context.ts';
import type { PreflightResult } from '../types.ts';

const startHint = 'Start the server (Ollama ≥ 0.14, LM Studio ≥ 0.4.1, llama-server or vLLM) or pass --base-url.';

/** Checks that the Anthropic-compatible backend answers and serves `model`. */
export function anthropicPreflight(
  baseUrl: string,
  model: string,
  fetchImpl: typeof fetch,
  request: PreflightRequest,
): Promise<PreflightResult> {
  return modelsPreflight(baseUrl, model, fetchImpl, request, {
    dialect: 'anthropic',
    startHint,
    onNoModelList: async () => {
      const version = await optionalPreflightJson(fetchImpl, baseUrl, '/api/version');
      if (!isRecord(version) || typeof version.version !== 'string') return null;
      return ollamaPreflightFor('anthropic', baseUrl, model, fetchImpl, request);
    },
  });
}
