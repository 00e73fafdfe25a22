/**
 * An Ollama model's facts and the context it will really get. The native dialect sends num_ctx,
 * so that decides. Through the /v1 layers nothing can be sent: when no Modelfile num_ctx decides
 * and agent mode needs the number, the model is loaded the way a /v1 request loads it (a chat
 * request with no messages and no options, docs/api.md "Load a model") and /api/ps is read.
 */
import type { ModelFacts } from '../../core/facts.ts';
import { optionalPreflightJson } from '../shared/preflight-http.ts';
import type { PreflightRequest, ServerContext } from '../shared/server-context.ts';
import type { DialectKind } from '../types.ts';
import { compatOllamaContext, nativeOllamaContext } from './ollama-context.ts';
import { loadedOllamaModel, modelfileNumCtx, ollamaModelFacts } from './ollama-facts.ts';

// Loading a large model from disk can take minutes on a laptop.
const loadTimeoutMs = 300_000;

/** Facts (from /api/show, /api/tags, /api/ps) and the context, for a model known to be installed. */
export async function ollamaModelState(
  dialect: DialectKind,
  baseUrl: string,
  model: string,
  fetchImpl: typeof fetch,
  request: PreflightRequest,
  answers: { show: unknown; tags: unknown },
): Promise<{ facts: ModelFacts; context: ServerContext }> {
  const trained = ollamaModelFacts(model, answers).contextTrained;
  const numCtx = modelfileNumCtx(answers.show);
  const loadFirst = dialect !== 'ollama' && numCtx === null && request.agent;
  // Only a load that succeeded makes /api/ps show the context a /v1 request gets.
  const loaded =
    loadFirst &&
    (await optionalPreflightJson(fetchImpl, baseUrl, '/api/chat', {
      method: 'POST',
      body: { model, messages: [], stream: false },
      timeoutMs: loadTimeoutMs,
    })) !== undefined;
  const ps = await optionalPreflightJson(fetchImpl, baseUrl, '/api/ps');
  const context =
    dialect === 'ollama'
      ? nativeOllamaContext(request.numCtx, trained)
      : compatOllamaContext(dialect, numCtx, trained, loaded ? loadedOllamaModel(ps, model) : null);
  const facts = ollamaModelFacts(model, { ...answers, ps });
  return { facts: { ...facts, contextLoaded: context.kind === 'known' ? context.tokens : null }, context };
}
