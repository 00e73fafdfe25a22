/**
 * Preflight for servers with an OpenAI-style model list (llama-server, vLLM, LM Studio, Ollama's
 * compatibility layer): `GET /v1/models`, the model must be listed. When the server is Ollama
 * (it also answers `/api/version`), its version and `/api/show` facts are added as a best effort.
 */
import { HarnessError } from '../../core/errors.ts';
import { ollamaModelFacts } from '../ollama/model-facts.ts';
import type { PreflightResult } from '../types.ts';
import { isRecord } from './json.ts';
import { findServedModel, listedModelFacts, listedModels } from './models-list.ts';
import { optionalPreflightJson, preflightRequest } from './preflight-http.ts';

export interface ModelsPreflightOptions {
  /** How to start the server, for the unreachable message. */
  startHint: string;
  /** Called when `/v1/models` is missing (404): another way to confirm the model, or null to fail. */
  onNoModelList?: () => Promise<PreflightResult | null>;
}

/** Checks that the server lists `model` in `/v1/models`. */
export async function modelsPreflight(
  baseUrl: string,
  model: string,
  fetchImpl: typeof fetch,
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
  const facts = listedModelFacts(served);
  const ollama = await ollamaFacts(fetchImpl, baseUrl, model);
  return { version: ollama?.version ?? null, modelInfo: { ...facts, ...(ollama?.modelInfo ?? {}) } };
}

/** Ollama's version and model facts when the server is Ollama; null otherwise. Never throws. */
export async function ollamaFacts(
  fetchImpl: typeof fetch,
  baseUrl: string,
  model: string,
): Promise<PreflightResult | null> {
  const version = await optionalPreflightJson(fetchImpl, baseUrl, '/api/version');
  if (!isRecord(version) || typeof version.version !== 'string') return null;
  const show = await optionalPreflightJson(fetchImpl, baseUrl, '/api/show', {
    method: 'POST',
    body: { model, name: model },
  });
  const tags = await optionalPreflightJson(fetchImpl, baseUrl, '/api/tags');
  return { version: version.version, modelInfo: show === undefined ? {} : ollamaModelFacts(show, tags, model) };
}
