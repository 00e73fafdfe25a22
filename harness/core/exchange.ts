/**
 * What the proxy records about one downstream request (an "exchange"). One JSON line per
 * exchange in the session log; the raw and agent runners read these records as their evidence,
 * so they are the only channel from the proxy to grading, classification and reports.
 */
import type { ApiError, MessagesResponse, ServerTimings, StopDetail, StopReason } from './messages.ts';

export type ToolCallValidation =
  | { kind: 'valid' }
  /** The name is not among the request's `tools[]`. */
  | { kind: 'unknown_tool'; offeredTools: string[] }
  /** The name is offered, the input violates that tool's `input_schema`. */
  | { kind: 'schema_violation'; missing: string[]; unexpected: string[]; errors: string[] }
  /** The streamed arguments never formed a JSON object. */
  | { kind: 'unparseable'; error: string; rawJson: string }
  /**
   * The input has every name right but some values in the wrong JSON type ("limit": "50" for a
   * number, "replace_all": "false" for a boolean); coercing them to the schema's types validates.
   */
  | { kind: 'argument_type'; fields: Array<{ name: string; expected: string; got: string }> }
  /** The arguments are a JSON string that itself holds the JSON object (double-encoded). */
  | { kind: 'double_encoded'; rawJson: string }
  /** The output limit cut the call before its arguments were complete. */
  | { kind: 'truncated'; rawJson: string };

export interface ToolCallRecord {
  id: string;
  /**
   * The name exactly as the model sent it (before any rescue); for a call written as text, with
   * its format's leaked tokens, namespace and call index cut (`functions.Write:0` → `Write`).
   */
  name: string;
  /** The input exactly as the model sent it (before any rescue). */
  input: unknown;
  offered: boolean;
  validation: ToolCallValidation;
  /** Set when the rescue rewrote this call; what Claude Code received instead. */
  rescued?: { name: string; input: unknown };
  /** Set for a call the model wrote as text: its format, the verbatim text, and where it was. */
  text?: { format: string; verbatim: string; in: 'text' | 'reasoning' };
}

export type RewriteKind =
  | 'tool_name'
  | 'param_name'
  | 'strip_template_tokens'
  | 'strip_field'
  | 'set_field'
  | 'strip_header'
  | 'fold_system_message'
  /** A tool call written as text, turned into a tool_use block. */
  | 'text_tool_call'
  /** Argument values turned into the schema's JSON types, or double-encoded arguments decoded. */
  | 'argument_type'
  /** A tool call cut by the output limit, not forwarded. */
  | 'truncated_tool_call';

/** One change the proxy made to a request or response, with before and after. */
export interface RewriteRecord {
  kind: RewriteKind;
  where: 'request' | 'response';
  before: unknown;
  after: unknown;
  reason: string;
}

/**
 * The proxy's own clock for one exchange, in milliseconds. Offsets are from the upstream request
 * being sent; the wait for an upstream slot is kept apart in `queueMs` and is in none of them.
 */
export interface TurnTimings {
  /** Time spent waiting for an upstream slot (serialisation), kept apart from everything below. */
  queueMs: number;
  /**
   * Upstream request sent → first content of any kind: a non-empty text, thinking or tool-argument
   * delta, or the start of a tool_use block (which carries the tool's name).
   */
  ttftMs: number | null;
  /** Upstream request sent → first non-empty text or reasoning (thinking) delta. */
  firstTextMs: number | null;
  /**
   * Upstream request sent → first tool-call byte: the tool_use block start, which names the tool
   * (its first argument delta when a dialect ever sent one before the start). A backend that emits
   * calls only whole (Ollama) shows the time to generate the whole call here; streaming ones
   * (llama-server, vLLM) the time to the name.
   */
  firstToolCallMs: number | null;
  /** (output tokens − 1) / (last token time − first token time). */
  decodeTokensPerSec: number | null;
  /** Upstream request sent → last byte of the answer (or the end of the exchange otherwise). */
  responseMs: number;
  /** Upstream request sent → the last content delta, for traceability. */
  lastTokenOffsetMs: number | null;
  /** How many non-empty content deltas arrived. */
  deltaCount: number;
}

/** Why the context check could not judge an exchange. */
export type ContextUnknownReason =
  /** Answered by the proxy itself, or never sent. */
  | 'not_sent_upstream'
  /** The server reported no input-token count (an error, or a dialect that gives none). */
  | 'no_server_count';

/**
 * Whether the prompt the server processed is the prompt the proxy sent. A server whose context is
 * smaller than the prompt may cut it silently (Ollama drops messages from the front); the model
 * then answers a different question, which is never the model's fault.
 * `sentEstimate` is the proxy's own count of what it sent (characters / 4, count-tokens.ts);
 * `serverInputTokens` what the server says it processed (cache hits included); `contextTokens`
 * the server's context size when known (the `contextTokens` proxy option).
 */
export type ContextCheck =
  | { state: 'fits'; sentEstimate: number; serverInputTokens: number; contextTokens: number | null }
  | {
      state: 'truncated';
      sentEstimate: number;
      serverInputTokens: number;
      contextTokens: number | null;
      /**
       * at_context_limit: the server processed about its whole context while more was sent;
       * far_below_sent: the server processed far fewer tokens than were sent, beyond what
       * tokenizer differences explain.
       */
      basis: 'at_context_limit' | 'far_below_sent';
    }
  | { state: 'unknown'; reason: ContextUnknownReason };

/**
 * A model repeating itself. `call`: consecutive model turns with the same tool call(s) (name and
 * input); `text`: consecutive text-only turns with the same text; `stream`: one streamed turn
 * repeating the same line or sentence (a degenerate loop). Present from the first repeat on.
 */
export interface LoopRecord {
  what: 'call' | 'text' | 'stream';
  /** How many times in a row: turns for call/text, repetitions of the unit for stream. */
  count: number;
  /** What repeated, shortened for the record (tool name and input, or the text). */
  signature: string;
  /** True when the proxy stopped the session's conversation here (the loop limit was reached). */
  stopped: boolean;
}

export type ExchangeKind = 'model' | 'housekeeping' | 'count_tokens' | 'models' | 'health';

export interface ExchangeRecord {
  id: string;
  sessionId: string;
  seq: number;
  startedAt: string;
  kind: ExchangeKind;
  /** Where it was answered: sent upstream, or answered by the proxy itself. */
  route: 'upstream' | 'local';
  stream: boolean;
  request: {
    path: string;
    headers: Record<string, string>;
    /** The body as the client sent it, credentials redacted. */
    body: unknown;
  };
  upstream: UpstreamTarget | null;
  /** The assembled response, as sent to the client (after rescue when it was on). */
  response: MessagesResponse | null;
  error: ApiError | null;
  stopReason: StopReason | null;
  /**
   * Why a `max_tokens` stop happened, when the server lets the decoder tell: the output limit, or
   * the context window filling up during generation (a configuration limit, not the model's).
   */
  stopDetail: StopDetail | null;
  usage: { inputTokens: number | null; outputTokens: number | null };
  timings: TurnTimings;
  serverTimings: ServerTimings | null;
  toolCalls: ToolCallRecord[];
  rewrites: RewriteRecord[];
  /** Text blocks that contained leaked template tokens such as <unused24>. */
  leakedTokens: string[];
  clientAborted: boolean;
  /** Characters of reasoning (thinking blocks) the upstream sent; 0 when none arrived. */
  reasoningChars: number;
  context: ContextCheck;
  /** Set when this turn repeats the previous one(s) or repeats itself inside the stream. */
  loop: LoopRecord | null;
}

/** Where an upstream exchange went. */
export interface UpstreamTarget {
  dialect: string;
  url: string;
  /** The model name the proxy sent (and the one Claude Code sees in the answer). */
  model: string;
  /** The server preflight found behind the URL (ollama, llama-server …), when known. */
  server?: string;
}
