/**
 * Preflight for servers with an OpenAI-style model list (llama-server, vLLM, LM Studio, Ollama's
 * compatibility layer): `GET /v1/models`, the model must be listed. Then the served model's facts
 * and context from whichever server this is, and the refusals of runs that cannot work.
 */
import { HarnessError } from '../../core/errors.ts';
import type { DialectKind, PreflightResult } from '../types.ts';
import { findServedModel, listedModelFacts, listedModels } from './models-list.ts';
import { preflightRequest } from './preflight-http.ts';
import { refuseUnworkable } from './preflight-refusals.ts';
import { servedModelState } from './served-model-state.ts';
import type { PreflightRequest } from './server-context.ts';

export interface ModelsPreflightOptions {
  /** The dialect the runs will speak (decides what Ollama's context is: /v1 cannot send num_ctx). */
  dialect: DialectKind;
  /** How to start the server, for the unreachable message. */
  startHint: string;
  /** Called when `/v1/models` is missing (404): another way to confirm the model, or null to fail. */
  onNoModelList?: () => Promise<PreflightResult | null>;
}

/** Checks that the server lists `model` in `/v1/models`; reads its facts and context. */
export async function modelsPreflight(
  baseUrl: string,
  model: string,
  fetchImpl: typeof fetch,
  request: PreflightRequest,
  options: ModelsPreflightOptions,
): Promise<PreflightResult> {
  const answer = await preflightRequest(fetchImpl, baseUrl, '/v1/models', options.startHint);
  if (answer.status === 404 && options.onNoModelList) {
    const fallback = await options.onNoModelList();
    if (fallback !== null) return fallback;
  }
  if (answer.status === 401 || answer.status === 403) {
    throw new HarnessError(
      'BACKEND_ERROR',
      `The server at ${baseUrl} refused GET /v1/models (HTTP ${answer.status}); the harness sends no API key. Start the server without an API key requirement.`,
    );
  }
  const models = answer.status === 200 ? listedModels(answer.json) : null;
  if (models === null) {
    throw new HarnessError(
      'BACKEND_ERROR',
      `The server at ${baseUrl} does not answer GET /v1/models with a model list (HTTP ${answer.status}). Check --base-url and --backend.`,
    );
  }
  const served = findServedModel(models, model);
  if (served === null) {
    const ids = models.map((entry) => entry.id).filter((id) => id !== '');
    throw new HarnessError(
      'MODEL_NOT_FOUND',
      `Model "${model}" is not served at ${baseUrl} (available: ${ids.length > 0 ? ids.join(', ') : 'none'}). Load it in the server or pass one of the available names with --model.`,
    );
  }
  const state = await servedModelState(options.dialect, baseUrl, model, served, fetchImpl, request);
  refuseUnworkable({ model, dialect: options.dialect, request, ...state });
  const { modelInfo, ...rest } = state;
  return { ...rest, modelInfo: { ...listedModelFacts(served), ...modelInfo } };
}
