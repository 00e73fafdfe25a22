/**
 * Model facts and context from llama.cpp's llama-server: `GET /props` (per-slot `n_ctx` in
 * `default_generation_settings`, `total_slots`, `model_ftype`) and its `/v1/models` entry's `meta`
 * (`n_params`, `n_ctx_train`, `ftype`). Shapes: ggml-org/llama.cpp tools/server/server-context.cpp
 * (get_res_props, get_res_model_info) and tools/server/README.md.
 */
import type { ModelFacts } from '../../core/facts.ts';
import { isRecord, nonEmptyText, positiveWholeNumber } from '../../core/json.ts';
import type { ListedModel } from './models-list.ts';
import { recommendedContext, type ServerContext } from './server-context.ts';
import { unknownFacts } from './unknown-facts.ts';

/** Facts from `/props` (undefined when it did not answer) and the served `/v1/models` entry. */
export function llamaServerModelFacts(props: unknown, listed: ListedModel): ModelFacts {
  const meta = listed.meta ?? {};
  const read = readProps(props);
  return {
    ...unknownFacts(['llama-server /v1/models', ...(read === null ? [] : ['llama-server /props'])]),
    parametersTotal: positiveWholeNumber(meta.n_params),
    quantisation: read?.ftype ?? nonEmptyText(meta.ftype),
    contextTrained: positiveWholeNumber(meta.n_ctx_train),
    contextLoaded: read?.slotContext ?? positiveWholeNumber(meta.n_ctx),
    capabilities: read?.capabilities ?? null,
  };
}

/**
 * The context one request gets: a slot's `n_ctx`. llama-server splits `-c` across its
 * `--parallel` slots and caps a slot at the trained length (server-context.cpp n_ctx_slot).
 */
export function llamaServerContext(props: unknown, listed: ListedModel): ServerContext {
  const read = readProps(props);
  const slotContext = read?.slotContext ?? positiveWholeNumber(listed.meta?.n_ctx);
  if (slotContext === null) return { kind: 'unknown', reason: 'llama-server reports no n_ctx in /props' };
  const slots = read?.slots ?? 1;
  // Whether -c is split across slots depends on the build and --kv-unified; /props n_ctx is what a
  // slot really gets either way, so the fix says both ways out.
  return {
    kind: 'known',
    tokens: slotContext,
    basis: `llama-server's per-slot context (/props n_ctx${slots > 1 ? `, ${slots} slots` : ''})`,
    fix:
      slots > 1
        ? `Restart llama-server with a larger -c (a slot gets ${slotContext}; with ${slots} slots and no unified KV cache -c is split among them, so -np 1 -c ${recommendedContext} is the simplest fix).`
        : `Restart llama-server with -c ${recommendedContext}.`,
  };
}

interface PropsRead {
  slotContext: number | null;
  slots: number | null;
  ftype: string | null;
  /** From `chat_template_caps`: whether the loaded chat template renders tools; null when not said. */
  capabilities: string[] | null;
}

function readProps(props: unknown): PropsRead | null {
  if (!isRecord(props)) return null;
  const settings = isRecord(props.default_generation_settings) ? props.default_generation_settings : {};
  const caps = isRecord(props.chat_template_caps) ? props.chat_template_caps : null;
  return {
    slotContext: positiveWholeNumber(settings.n_ctx),
    slots: positiveWholeNumber(props.total_slots),
    ftype: nonEmptyText(props.model_ftype),
    // A template that cannot render tools makes llama-server drop the request's tool list silently.
    capabilities: caps === null ? null : caps.supports_tools === true ? ['completion', 'tools'] : ['completion'],
  };
}
