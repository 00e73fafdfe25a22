/**
 * The Anthropic Messages wire format, as far as the harness speaks it. The proxy's downstream
 * side is exactly this; every upstream dialect is translated to and from it.
 */

export interface TextBlock {
  type: 'text';
  text: string;
}
export interface ThinkingBlock {
  type: 'thinking';
  thinking: string;
  signature?: string;
}
export interface ToolUseBlock {
  type: 'tool_use';
  id: string;
  name: string;
  input: Record<string, unknown>;
}
export interface ToolResultBlock {
  type: 'tool_result';
  tool_use_id: string;
  content?: string | Array<TextBlock | { type: string; [key: string]: unknown }>;
  is_error?: boolean;
}
export interface ImageBlock {
  type: 'image';
  source: unknown;
}
export type ContentBlock = TextBlock | ThinkingBlock | ToolUseBlock | ToolResultBlock | ImageBlock;
export type ResponseBlock = TextBlock | ThinkingBlock | ToolUseBlock;

export interface MessageParam {
  // Claude Code also sends role "system" messages inside `messages`.
  role: 'user' | 'assistant' | 'system';
  content: string | ContentBlock[];
}

export interface ToolDefinition {
  name: string;
  description?: string;
  input_schema: Record<string, unknown>;
  [key: string]: unknown;
}

export interface MessagesRequest {
  model: string;
  messages: MessageParam[];
  max_tokens: number;
  system?: string | TextBlock[];
  temperature?: number;
  top_p?: number;
  top_k?: number;
  stop_sequences?: string[];
  stream?: boolean;
  tools?: ToolDefinition[];
  tool_choice?: unknown;
  thinking?: unknown;
  metadata?: unknown;
  [key: string]: unknown;
}

export type StopReason = 'end_turn' | 'max_tokens' | 'tool_use' | 'stop_sequence' | 'pause_turn' | 'refusal';

export interface Usage {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens?: number;
  cache_creation_input_tokens?: number;
}

export interface MessagesResponse {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: ResponseBlock[];
  stop_reason: StopReason | null;
  stop_sequence: string | null;
  usage: Usage;
}

export type ContentDelta =
  | { type: 'text_delta'; text: string }
  | { type: 'input_json_delta'; partial_json: string }
  | { type: 'thinking_delta'; thinking: string }
  | { type: 'signature_delta'; signature: string };

/** Anthropic error types, as sent in `{type:"error", error:{type, message}}`. */
export type ApiErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'request_too_large'
  | 'rate_limit_error'
  | 'api_error'
  | 'overloaded_error';

/**
 * What went wrong, told apart for the run's verdict (a closed set; the Anthropic `type` alone cannot
 * say whether the prompt or the output budget overflowed). Set by every dialect's `decodeError` and
 * stream decoder; never sent to Claude Code.
 * - `prompt_too_long`: the prompt alone does not fit the server's context window (llama-server
 *   `exceed_context_size_error`, Ollama "the input length exceeds the context length", vLLM "The
 *   decoder prompt (length N) is longer than the maximum model length of M").
 * - `output_budget`: the prompt fits, but prompt + `max_tokens` exceed the window (vLLM "you
 *   requested N output tokens and your prompt contains at least M input tokens"); lowering
 *   `max_tokens` fixes it, and Claude Code does so when told in Anthropic's wording.
 * - `context_exhausted`: the window filled up during generation and the server refused to go on
 *   (llama-server "context shift is disabled").
 * - `not_found`: the model (or route) is not served.
 * - `capability`: the model or server cannot do what was asked (no tool support, no thinking,
 *   llama-server without --jinja, HTTP 501).
 * - `overloaded`: busy, loading or rate-limited (429, 503, 529); retrying later may work.
 * - `auth`: the server wants credentials (401, 403).
 * - `bad_request`: any other refusal of the request (400, 422: an unknown field, a bad value).
 * - `server`: the server failed (5xx, a runner crash) for a reason it states.
 * - `stream_interrupted`: the stream stopped before the answer was complete (no finish, no
 *   `[DONE]`/`message_stop`, a dropped connection); the cause is usually only in the server's log.
 * - `malformed_stream`: the server sent bytes that are not the dialect's stream format.
 */
export type ApiErrorCategory =
  | 'prompt_too_long'
  | 'output_budget'
  | 'context_exhausted'
  | 'not_found'
  | 'capability'
  | 'overloaded'
  | 'auth'
  | 'bad_request'
  | 'server'
  | 'stream_interrupted'
  | 'malformed_stream';

export interface ApiError {
  status: number;
  type: ApiErrorType;
  message: string;
  /** Why, told apart (see ApiErrorCategory); absent only on errors the proxy makes itself. */
  category?: ApiErrorCategory;
}

/** The payload of a stream `error` event; `category` is the harness's, stripped before Claude Code sees it. */
export interface StreamErrorPayload {
  type: ApiErrorType;
  message: string;
  category?: ApiErrorCategory;
}

/**
 * Why a message stopped at `max_tokens`, when the server lets us tell (harness-only, on
 * `message_delta`): `output_limit` — the output reached the request's `max_tokens`;
 * `context_exhausted` — the output stopped short of `max_tokens` because prompt + output filled the
 * server's context window (a configuration limit, not the model's choice or the client's budget).
 */
export type StopDetail =
  | { kind: 'output_limit'; outputTokens: number; maxTokens: number }
  | { kind: 'context_exhausted'; outputTokens: number; maxTokens: number; promptTokens: number | null };

export type StreamEvent =
  | { type: 'message_start'; message: MessagesResponse }
  | { type: 'content_block_start'; index: number; content_block: ResponseBlock }
  | { type: 'content_block_delta'; index: number; delta: ContentDelta }
  | { type: 'content_block_stop'; index: number }
  | {
      type: 'message_delta';
      delta: { stop_reason: StopReason | null; stop_sequence: string | null };
      usage: Partial<Usage> & { output_tokens: number };
      /** Harness-only: why a `max_tokens` stop happened, when the server says (see StopDetail). */
      stop_detail?: StopDetail;
    }
  | { type: 'message_stop' }
  | { type: 'ping' }
  | { type: 'error'; error: StreamErrorPayload };

/**
 * What a backend reports about itself (the server's clock and counts), normalised. A null field
 * means the server did not report it; a reported zero is 0 (Ollama omits zero fields from its final
 * line, so there an absent field is 0).
 * Ollama native: eval_count/eval_duration, prompt_eval_count/prompt_eval_duration, load_duration.
 * llama-server: timings.predicted_n/predicted_ms, prompt_n/prompt_ms, cache_n.
 * Anthropic-shaped usage and vLLM usage give only the cached count.
 */
export interface ServerTimings {
  decodeTokens: number | null;
  decodeMs: number | null;
  /** The decode rate the server states itself (llama-server `predicted_per_second`), when it does. */
  statedDecodeTokensPerSec?: number | null;
  prefillTokens: number | null;
  prefillMs: number | null;
  /** Model load time before this request (Ollama native `load_duration`); null when not reported. */
  loadMs: number | null;
  /**
   * Prompt tokens served from the server's prompt cache (llama-server `cache_n`, Anthropic-shape
   * `cache_read_input_tokens`, vLLM `usage.prompt_tokens_details.cached_tokens`); null when the
   * server does not say.
   */
  cachedPromptTokens?: number | null;
  /**
   * What `prefillTokens` counts: `uncached` — only the tokens `prefillMs` timed (llama-server's
   * `prompt_n` excludes `cache_n`); `includes_cache_hits` — cached tokens too, which `prefillMs` did
   * not time (Ollama's `prompt_eval_count`, llm/llama_server.go), so prefillTokens / prefillMs
   * overstates the prefill rate whenever the cache held part of the prompt. Absent with no prefill count.
   */
  prefillScope?: 'uncached' | 'includes_cache_hits';
}
