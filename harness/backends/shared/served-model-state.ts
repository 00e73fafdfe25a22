/**
 * Which server is behind an OpenAI-style `/v1/models` list, and what it says about the served
 * model: llama-server (`owned_by: "llamacpp"`, then `/props`), vLLM (`max_model_len`, `/version`),
 * Ollama (`/api/version`, then `/api/show`, `/api/tags`, `/api/ps`), LM Studio (`/api/v0/models`).
 * Every probe is optional: a server that answers none of them is `other`, with nothing known.
 */
import type { ModelFacts } from '../../core/facts.ts';
import { isRecord, nonEmptyText } from '../../core/json.ts';
import { ollamaFingerprint } from '../ollama/model-facts.ts';
import { ollamaModelState } from '../ollama/ollama-model-state.ts';
import type { DialectKind } from '../types.ts';
import { llamaServerContext, llamaServerModelFacts } from './llama-server-facts.ts';
import { lmStudioContext, lmStudioEntry, lmStudioModelFacts } from './lm-studio-facts.ts';
import type { ListedModel } from './models-list.ts';
import { optionalPreflightJson } from './preflight-http.ts';
import type { PreflightRequest, ServerContext, ServerKind } from './server-context.ts';
import { unknownFacts } from './unknown-facts.ts';
import { vllmContext, vllmModelFacts } from './vllm-facts.ts';

/** What preflight learns about a served model beyond the model list itself. */
export interface ServedModelState {
  server: ServerKind;
  version: string | null;
  /** Flat facts for report schema v1 (Ollama's fingerprint). */
  modelInfo: Record<string, string | number | null>;
  facts: ModelFacts;
  context: ServerContext;
}

/** Reads the served model's facts and context from whichever server this is. */
export async function servedModelState(
  dialect: DialectKind,
  baseUrl: string,
  model: string,
  served: ListedModel,
  fetchImpl: typeof fetch,
  request: PreflightRequest,
): Promise<ServedModelState> {
  const get = (path: string): Promise<unknown> => optionalPreflightJson(fetchImpl, baseUrl, path);
  if (served.ownedBy === 'llamacpp') {
    const props = await get('/props');
    const version = isRecord(props) ? nonEmptyText(props.build_info) : null;
    const facts = llamaServerModelFacts(props, served);
    return { server: 'llama-server', version, modelInfo: {}, facts, context: llamaServerContext(props, served) };
  }
  if (served.maxModelLen !== null || served.ownedBy === 'vllm') {
    const about = await get('/version');
    const version = isRecord(about) ? nonEmptyText(about.version) : null;
    return { server: 'vllm', version, modelInfo: {}, facts: vllmModelFacts(served), context: vllmContext(served) };
  }
  const ollama = await ollamaState(dialect, baseUrl, model, fetchImpl, request);
  if (ollama !== null) return ollama;
  const lmStudio = lmStudioEntry(await get('/api/v0/models'), served.id);
  if (lmStudio !== null) {
    const facts = lmStudioModelFacts(lmStudio);
    return { server: 'lm-studio', version: null, modelInfo: {}, facts, context: lmStudioContext(lmStudio, served.id) };
  }
  const context: ServerContext = { kind: 'unknown', reason: 'the server says nothing about its context' };
  return { server: 'other', version: null, modelInfo: {}, facts: unknownFacts(['/v1/models']), context };
}

/** Ollama's version, facts and context when the server is Ollama; null otherwise. Never throws. */
async function ollamaState(
  dialect: DialectKind,
  baseUrl: string,
  model: string,
  fetchImpl: typeof fetch,
  request: PreflightRequest,
): Promise<ServedModelState | null> {
  const version = await optionalPreflightJson(fetchImpl, baseUrl, '/api/version');
  if (!isRecord(version) || typeof version.version !== 'string') return null;
  const show = await optionalPreflightJson(fetchImpl, baseUrl, '/api/show', {
    method: 'POST',
    body: { model, name: model },
  });
  const tags = await optionalPreflightJson(fetchImpl, baseUrl, '/api/tags');
  const state = await ollamaModelState(dialect, baseUrl, model, fetchImpl, request, { show, tags });
  const modelInfo = show === undefined ? {} : ollamaFingerprint(show, tags, model);
  return { server: 'ollama', version: version.version, modelInfo, ...state };
}
