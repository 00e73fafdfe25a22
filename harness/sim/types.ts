/**
 * The sim's internal shapes. Every incoming request, whatever its dialect, is normalised into a
 * `SimConversation`; a persona turns that into a `Reply`; the reply is tokenised into a `Plan`
 * and emitted in the request's dialect on the persona's timing schedule.
 */

export type SimDialect = 'ollama' | 'anthropic' | 'openai';
export type SimMode = 'raw' | 'agent';

/**
 * Which real server the sim imitates where servers differ: how each thinking switch is read and
 * what it defaults to, and which facts endpoints exist (`/api/ps`, `/props`, vLLM's
 * `/v1/models`). The wire shapes of the three dialects do not change with it.
 */
export type SimFlavour = 'ollama' | 'llama-server' | 'vllm' | 'lm-studio';
export const simFlavours: readonly SimFlavour[] = ['ollama', 'llama-server', 'vllm', 'lm-studio'];

/** Ground-truth timing of a persona: what a client should measure and what the server reports. */
export interface PersonaTiming {
  /** Request received → first token. Includes `loadMs`. */
  ttftMs: number;
  /** Decode rate: token i is sent at ttftMs + i × 1000 / tokensPerSec. */
  tokensPerSec: number;
  /** Reported as model load time (Ollama `load_duration`), kept apart from prompt processing. */
  loadMs: number;
}

/** What a server says about the model behind a persona (Ollama /api/show and /api/ps, llama-server /props). */
export interface PersonaFacts {
  /** GGUF `general.architecture`. */
  architecture: string;
  /** GGUF `general.parameter_count`: total parameters. */
  parameterCount: number;
  /** Ollama `details.parameter_size`. */
  parameterSize: string;
  /** GGUF `general.size_label` ("30B-A3B" names the active parameters of a MoE), or null. */
  sizeLabel: string | null;
  quantization: string;
  /** The context the model was trained for (`<arch>.context_length`, llama-server `n_ctx_train`). */
  contextTrained: number;
  /** Mixture of experts (`<arch>.expert_count`, `<arch>.expert_used_count`), or null for a dense model. */
  experts: { count: number; used: number } | null;
  /** Bytes the loaded model takes, and the part of them in GPU memory (Ollama /api/ps). */
  sizeBytes: number;
  vramBytes: number;
  /** Ollama /api/show `capabilities`. */
  capabilities: readonly string[];
}

/**
 * A context window the server enforces for this persona in every dialect (Ollama's `num_ctx` only
 * exists on /api/chat): `cut` drops what does not fit the way Ollama does, `refuse` answers vLLM's
 * 400s (anthropic and openai dialects).
 */
export interface ServedContext {
  tokens: number;
  onOverflow: 'cut' | 'refuse';
}

export interface PersonaInfo {
  name: string;
  description: string;
  /** The modes in which the persona shows its distinctive behaviour. */
  modes: readonly SimMode[];
  /** Timing of raw-mode requests (no tools offered). */
  timing: PersonaTiming;
  /** Timing of agent-mode requests (tools offered). */
  agentTiming: PersonaTiming;
  facts: PersonaFacts;
  /** The window the server runs this model with in every dialect, or null (only Ollama's num_ctx limits it). */
  servedContext: ServedContext | null;
}

export interface SimToolSpec {
  name: string;
  description: string;
  parameters: unknown;
}

export interface SimToolCall {
  id: string | null;
  name: string;
  input: unknown;
}

export interface SimToolResult {
  /** The call this answers when the dialect says (Anthropic, OpenAI); Ollama only names the tool. */
  callId: string | null;
  toolName: string | null;
  text: string;
  /** The dialect's own error flag (Anthropic `is_error`), or null when the dialect has none. */
  errorFlag: boolean | null;
}

export type SimMessage =
  | { role: 'system'; text: string }
  | { role: 'user'; text: string; toolResults: SimToolResult[] }
  | { role: 'assistant'; text: string; thinking: string; toolCalls: SimToolCall[] };

/** One chat request, dialect-free. */
export interface SimConversation {
  dialect: SimDialect;
  model: string;
  stream: boolean;
  /** Top-level system prompt (Anthropic `system`); system messages stay in `messages`. */
  system: string;
  messages: SimMessage[];
  tools: SimToolSpec[];
  /** Whether the request leaves thinking on (each dialect has its own switch). */
  thinking: boolean;
  /** Output token budget, or null for none. */
  maxTokens: number | null;
  /** Context window (Ollama `options.num_ctx`), or null when the dialect has none. */
  numCtx: number | null;
  /** Ollama `truncate` (default true): false asks for a 400 instead of a silently cut prompt. */
  truncate: boolean;
}

export type ReplyBlock =
  | { type: 'thinking'; text: string }
  | { type: 'text'; text: string }
  | {
      type: 'tool_call';
      name: string;
      input: Record<string, unknown>;
      /** The argument text to send instead of `input` as JSON (a wire fault: double-encoded arguments). */
      argumentsJson?: string;
    };

/**
 * How a real server ends a stream that failed after it started: llama-server's `event: error`
 * (anthropic) or `data: {"error": …}` (openai); older llama.cpp's `error: {…}` line followed by
 * `data: [DONE]`; Ollama's /v1 layers, which close without a finish. On Ollama's native API each of
 * them is the NDJSON `{"error": "…"}` line.
 */
export type InterruptStyle = 'llama_error_event' | 'llama_legacy_error' | 'ollama_v1_close';

export interface StreamInterrupt {
  style: InterruptStyle;
  /** Tokens sent before the failure. */
  afterTokens: number;
  /** The server's error: HTTP-style code, message and llama.cpp error type. */
  code: number;
  message: string;
  type: string;
}

/** What a persona says, before tokenising and truncation. */
export type Reply =
  | {
      kind: 'answer';
      blocks: ReplyBlock[];
      /** Stop as if the budget ran out, whatever the budget. */
      forceMaxTokens?: boolean;
      /** The model's own generation cap: stop with max_tokens after this many tokens. */
      cutAfterTokens?: number;
      /** Fail the stream part-way, the way the named server does. */
      interrupt?: StreamInterrupt;
    }
  /** Accept the request and never send a byte (for timeout tests). */
  | { kind: 'silent' }
  /** Refuse before sending anything: an HTTP error with a body already in the dialect's shape. */
  | { kind: 'refuse'; status: number; body: unknown };

export type StopKind = 'end' | 'max_tokens' | 'tool_use';

export interface PlannedBlock {
  type: 'thinking' | 'text' | 'tool_call';
  /** Tool calls only. */
  name: string;
  id: string;
  /** The tokens of this block that are sent (thinking/text pieces, or pieces of the argument JSON). */
  pieces: string[];
  /** False when the budget cut this block short. */
  complete: boolean;
  /** Tool calls only: the complete input, for dialects that send arguments as one object. */
  input: Record<string, unknown>;
  /** Tool calls only: the whole argument text (JSON of `input`, or the persona's own text). */
  argumentsJson: string;
}

export interface PlannedToken {
  block: number;
  piece: string;
  /** True for the last token of its block. */
  lastOfBlock: boolean;
}

/** A reply cut into tokens, truncated to the budget, with its stop reason. */
export interface Plan {
  blocks: PlannedBlock[];
  tokens: PlannedToken[];
  stop: StopKind;
}
