/**
 * The contract every upstream dialect implements. A dialect is pure translation: it turns an
 * Anthropic Messages request into one upstream HTTP call and decodes the upstream's streamed
 * body back into Anthropic stream events. The proxy owns sockets, timing and recording.
 */
import type { ModelFacts } from '../core/facts.ts';
import type { ApiError, MessagesRequest, ServerTimings, StreamEvent } from '../core/messages.ts';
import type { PreflightRequest, ServerContext, ServerKind } from './shared/server-context.ts';

export type { PreflightRequest, ServerContext, ServerKind } from './shared/server-context.ts';

export type DialectKind = 'ollama' | 'anthropic' | 'openai';

/** Per-backend settings the dialect needs to build a request. */
export interface DialectSettings {
  /** Context window (Ollama `options.num_ctx`); other dialects ignore it. */
  numCtx: number;
  /**
   * Ask the backend to think; off by default. Off is sent as each server's own "off" switch, on every
   * path (see `thinkingSwitch` in each dialect's to-upstream.ts):
   * - ollama dialect: `think: false|true`;
   * - anthropic dialect: Ollama `thinking: {type:"disabled"}` / `{type:"enabled",budget_tokens}`;
   *   llama-server and vLLM `chat_template_kwargs: {enable_thinking}` (llama-server also reads the
   *   enabled `thinking` as a budget); LM Studio `thinking`; any other server both;
   * - openai dialect: Ollama and LM Studio `reasoning_effort: "none"` / `"medium"`; llama-server,
   *   vLLM and any other server `chat_template_kwargs: {enable_thinking}` (older vLLM rejects
   *   `reasoning_effort: "none"`, so it is never sent where the server might be vLLM).
   */
  think: boolean;
  /** Upper bound on max_tokens sent upstream, or null to pass through. */
  maxTokensCap: number | null;
  /** Model name sent upstream; null keeps the request's own. */
  modelOverride: string | null;
  /** Request fields the anthropic pass-through removes (strict backends reject them). */
  stripFields: readonly string[];
  /**
   * The server behind the dialect, as preflight found it (PreflightResult.server): the anthropic and
   * openai dialects are spoken by several servers whose switches differ. Absent means `other`,
   * which gets only what every known server accepts or ignores.
   */
  server?: ServerKind;
}

export interface UpstreamCall {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * What a dialect's decoder yields: Anthropic events plus the server's own report. The proxy keeps
 * for its record (and never relays to the client):
 * - `server_timings`: at most one per stream, just before the closing events (ServerTimings: a null
 *   field was not reported; `cachedPromptTokens`, `prefillScope` say how to read the prefill count);
 * - `error.category` on an `error` event (ApiErrorCategory), the `error` payload's type and message
 *   being what the client is told;
 * - `stop_detail` on a `message_delta` whose stop reason is `max_tokens`, when the output count is
 *   known: `context_exhausted` when the output stopped short of the request's `max_tokens` (prompt +
 *   output filled the server's window: a configuration limit, not the budget), `output_limit` when it
 *   reached it (see shared/stop-detail.ts).
 */
export type UpstreamEvent = StreamEvent | { type: 'server_timings'; timings: ServerTimings };

/**
 * The push-driven form of a dialect's decoder: bytes in, events out, synchronously. It yields
 * exactly what `decodeStream` yields for the same bytes; the proxy prefers it because each event
 * is relayed inside the socket read that carried it, with no promise or async hop per event.
 */
export interface StreamDecoder {
  /** True once `message_stop` or an `error` event was returned; later input is ignored. */
  readonly done: boolean;
  /** Decodes one chunk of the body and returns the events it completed (often none). */
  push(chunk: Uint8Array): UpstreamEvent[];
  /** The body ended, or failed with `error`: returns the closing events (the truncation error included). */
  end(error?: unknown): UpstreamEvent[];
}

export interface RewriteNote {
  /** `set_field`: the harness set a request field of its own (a server's thinking switch). */
  kind: 'strip_field' | 'set_field' | 'strip_header' | 'fold_system_message';
  before: unknown;
  after: unknown;
  reason: string;
}

export interface PreflightResult {
  /** Backend version when it says (Ollama /api/version, llama-server build_info, vLLM /version), else null. */
  version: string | null;
  /** Flat facts for report schema v1 (digest, quantisation, parameter count); `facts` has them all. */
  modelInfo: Record<string, string | number | null>;
  /** Which server answered. */
  server: ServerKind;
  /** What the server says about the model; `contextLoaded` is the context it really uses, when known. */
  facts: ModelFacts;
  /** The context the server gives the model, where that comes from and how to raise it. */
  context: ServerContext;
}

export interface Dialect {
  readonly kind: DialectKind;
  /**
   * Build the upstream call. Always a streamed request upstream, even when the client asked
   * for a single JSON response (the proxy assembles it), so TTFT is measured the same way.
   */
  toUpstream(
    request: MessagesRequest,
    settings: DialectSettings,
    incomingHeaders: Record<string, string>,
  ): {
    call: UpstreamCall;
    rewrites: RewriteNote[];
  };
  /**
   * Decode the upstream streamed body. Must end with `message_stop`, or yield an `error` event
   * (then stop) on malformed or truncated input; never throws on bad bytes.
   */
  decodeStream(
    body: AsyncIterable<Uint8Array>,
    request: MessagesRequest,
    settings?: DialectSettings,
  ): AsyncIterable<UpstreamEvent>;
  /**
   * Optional: the same decoder, push-driven (see StreamDecoder). With `settings`, a `max_tokens`
   * stop is judged against the `max_tokens` actually sent (after `maxTokensCap`); without, against
   * the request's.
   */
  createDecoder?(request: MessagesRequest, settings?: DialectSettings): StreamDecoder;
  /**
   * Map a non-2xx upstream answer to an Anthropic error with its category. With `settings`, a
   * context error can name the context size the harness asked for (Ollama's num_ctx).
   */
  decodeError(status: number, bodyText: string, settings?: DialectSettings): ApiError;
  /** Path of a native token-count endpoint, or null (the proxy estimates locally). */
  readonly countTokensPath: string | null;
  /**
   * Preflight before any run: reachable, version, model present, its facts and context. Throws
   * HarnessError BACKEND_UNREACHABLE / MODEL_NOT_FOUND / BACKEND_ERROR with the fix in the message,
   * and PREFLIGHT_REFUSED when `request` cannot work (context too small, no tools, no thinking).
   */
  preflight(
    baseUrl: string,
    model: string,
    fetchImpl: typeof fetch,
    request: PreflightRequest,
  ): Promise<PreflightResult>;
}
