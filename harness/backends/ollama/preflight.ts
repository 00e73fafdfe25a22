/**
 * Ollama preflight: server up (`/api/version`), model pulled (`/api/show`), its facts and the
 * context it will really get, and the refusals of runs that cannot work.
 */
import { HarnessError } from '../../core/errors.ts';
import { isRecord } from '../../core/json.ts';
import { optionalPreflightJson, preflightRequest } from '../shared/preflight-http.ts';
import { refuseUnworkable } from '../shared/preflight-refusals.ts';
import type { PreflightRequest } from '../shared/server-context.ts';
import type { DialectKind, PreflightResult } from '../types.ts';
import { installedModels, ollamaFingerprint } from './model-facts.ts';
import { ollamaModelState } from './ollama-model-state.ts';

const startHint = 'Start it with "ollama serve" or pass --base-url.';

/** Checks that Ollama answers and has `model`; returns its version, the model's facts and context. */
export function ollamaPreflight(
  baseUrl: string,
  model: string,
  fetchImpl: typeof fetch,
  request: PreflightRequest,
): Promise<PreflightResult> {
  return ollamaPreflightFor('ollama', baseUrl, model, fetchImpl, request);
}

/** The Ollama checks when `dialect` talks to it (the anthropic and openai dialects cannot send num_ctx). */
export async function ollamaPreflightFor(
  dialect: DialectKind,
  baseUrl: string,
  model: string,
  fetchImpl: typeof fetch,
  request: PreflightRequest,
): Promise<PreflightResult> {
  const version = await preflightRequest(fetchImpl, baseUrl, '/api/version', startHint);
  if (version.status !== 200 || !isRecord(version.json) || typeof version.json.version !== 'string') {
    throw new HarnessError(
      'BACKEND_ERROR',
      `The server at ${baseUrl} does not answer GET /api/version like Ollama (HTTP ${version.status}). Check --base-url, or pick the dialect it speaks with --backend openai or --backend anthropic.`,
    );
  }

  // `model` is the current field name; older Ollama releases read `name`.
  const show = await preflightRequest(fetchImpl, baseUrl, '/api/show', startHint, {
    method: 'POST',
    body: { model, name: model },
  });
  const tags = await optionalPreflightJson(fetchImpl, baseUrl, '/api/tags');
  if (show.status === 404) {
    const names = installedModels(tags).map((entry) => entry.name);
    throw new HarnessError(
      'MODEL_NOT_FOUND',
      `Model "${model}" is not available on Ollama at ${baseUrl}. Pull it with "ollama pull ${model}" (installed: ${names.length > 0 ? names.join(', ') : 'none'}).`,
    );
  }
  if (show.status !== 200) {
    throw new HarnessError(
      'BACKEND_ERROR',
      `Ollama at ${baseUrl} answered POST /api/show with HTTP ${show.status}: ${show.text.slice(0, 200)}. Check the Ollama server log.`,
    );
  }
  const state = await ollamaModelState(dialect, baseUrl, model, fetchImpl, request, { show: show.json, tags });
  refuseUnworkable({ model, server: 'ollama', dialect, request, ...state });
  return {
    version: version.json.version,
    modelInfo: ollamaFingerprint(show.json, tags, model),
    server: 'ollama',
    ...state,
  };
}
