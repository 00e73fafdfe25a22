/**
 * The context Ollama gives a model, by dialect. The native dialect sends `num_ctx`, which Ollama
 * caps at the model's trained length (server/sched.go effectiveContext). Ollama's /v1 layers
 * (`/v1/messages`, `/v1/chat/completions`) cannot send it: the Modelfile's `num_ctx` rules, else the
 * server's own setting, OLLAMA_CONTEXT_LENGTH or a default by VRAM — 4096 below 23 GiB, 32768 below
 * 47 GiB, 262144 above (server/routes.go) — which only /api/ps shows, once the model is loaded.
 */
import { recommendedContext, type ServerContext } from '../shared/server-context.ts';
import type { LoadedOllamaModel } from './ollama-facts.ts';

/** The native dialect: the `num_ctx` sent, capped at the trained length. */
export function nativeOllamaContext(numCtx: number, trained: number | null): ServerContext {
  if (trained !== null && numCtx > trained) {
    return {
      kind: 'known',
      tokens: trained,
      basis: `Ollama, which caps num_ctx ${numCtx} at the model's trained length`,
      fix: 'Pick a model trained for a longer context.',
    };
  }
  return {
    kind: 'known',
    tokens: numCtx,
    basis: `the num_ctx the Ollama dialect sends (--num-ctx ${numCtx})`,
    fix: `Pass --num-ctx ${recommendedContext}.`,
  };
}

/**
 * Ollama's /v1 layers: the Modelfile's `num_ctx` (capped at the trained length), else what /api/ps
 * shows for the model loaded the way a /v1 request loads it (`loaded`, null when not read).
 */
export function compatOllamaContext(
  dialect: string,
  modelfileNumCtx: number | null,
  trained: number | null,
  loaded: LoadedOllamaModel | null,
): ServerContext {
  const cannotSend = `the ${dialect} dialect cannot send num_ctx`;
  if (modelfileNumCtx !== null) {
    return {
      kind: 'known',
      tokens: trained === null ? modelfileNumCtx : Math.min(modelfileNumCtx, trained),
      basis: `the model's Modelfile (PARAMETER num_ctx ${modelfileNumCtx}; ${cannotSend})`,
      fix: `Use --backend ollama, which sends num_ctx, or create a variant of the model with PARAMETER num_ctx ${recommendedContext}.`,
    };
  }
  if (loaded?.contextLength == null) {
    return {
      kind: 'unknown',
      reason: `Ollama's own setting (OLLAMA_CONTEXT_LENGTH or its VRAM-based default; ${cannotSend}), shown by /api/ps once the model is loaded`,
    };
  }
  return {
    kind: 'known',
    tokens: loaded.contextLength,
    basis: `Ollama's own setting (OLLAMA_CONTEXT_LENGTH or its VRAM-based default, per /api/ps; ${cannotSend})`,
    fix: `Restart Ollama with OLLAMA_CONTEXT_LENGTH=${recommendedContext} ollama serve, or use --backend ollama, which sends num_ctx.`,
  };
}
