/**
 * What the proxy records about one downstream request (an "exchange"). One JSON line per
 * exchange in the session log; the raw and agent runners read these records as their evidence,
 * so they are the only channel from the proxy to grading, classification and reports.
 */
import type { ApiError, MessagesResponse, ServerTimings, StopReason } from './messages.ts';

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

export interface TurnTimings {
  /** Time spent waiting for an upstream slot (serialisation), kept apart from TTFT. */
  queueMs: number;
  /** Upstream request sent → first non-empty text, thinking or tool-argument delta. */
  ttftMs: number | null;
  /** (output tokens − 1) / (last token time − first token time). */
  decodeTokensPerSec: number | null;
  /** Upstream request sent → last byte. */
  totalMs: number;
  /** Offsets from the upstream request being sent, for traceability. */
  firstTokenOffsetMs: number | null;
  lastTokenOffsetMs: number | null;
  /** How many non-empty content deltas arrived. */
  deltaCount: number;
  /** Upstream request sent → first text or reasoning delta (null: none arrived). */
  firstTextMs?: number | null;
  /** Upstream request sent → first tool-call byte (null: no tool call). */
  firstToolCallMs?: number | null;
}

/** Whether the server's input token count shows the prompt was cut to fit its context. */
export type ContextCheck =
  | { state: 'fits' }
  | { state: 'unknown' }
  | {
      state: 'truncated';
      /** The harness's own estimate of the prompt it sent. */
      sentEstimate: number;
      /** The input tokens the server says it processed. */
      serverInputTokens: number;
      /** The server's context size, when known. */
      contextTokens: number | null;
      basis: 'at_context_limit' | 'far_below_sent';
    };

/** The same call or text repeated turn after turn (or a line inside one stream). */
export interface LoopRecord {
  what: 'call' | 'text' | 'stream';
  signature: string;
  count: number;
  /** The proxy stopped the session at its loop limit. */
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
  /** Where it went: the dialect, URL and model, and the server preflight found behind them (ollama, llama-server …). */
  upstream: { dialect: string; url: string; model: string; server?: string } | null;
  /** The assembled response, as sent to the client (after rescue when it was on). */
  response: MessagesResponse | null;
  error: ApiError | null;
  stopReason: StopReason | null;
  usage: { inputTokens: number | null; outputTokens: number | null };
  timings: TurnTimings;
  serverTimings: ServerTimings | null;
  toolCalls: ToolCallRecord[];
  rewrites: RewriteRecord[];
  /** Text blocks that contained leaked template tokens such as <unused24>. */
  leakedTokens: string[];
  clientAborted: boolean;
  /** Characters of reasoning that arrived (thinking blocks). */
  reasoningChars?: number;
  context?: ContextCheck;
  loop?: LoopRecord | null;
}
