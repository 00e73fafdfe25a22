/**
 * The sim's internal shapes. Every incoming request, whatever its dialect, is normalised into a
 * `SimConversation`; a persona turns that into a `Reply`; the reply is tokenised into a `Plan`
 * and emitted in the request's dialect on the persona's timing schedule.
 */

export type SimDialect = 'ollama' | 'anthropic' | 'openai';
export type SimMode = 'raw' | 'agent';

/** Ground-truth timing of a persona: what a client should measure and what the server reports. */
export interface PersonaTiming {
  /** Request received → first token. Includes `loadMs`. */
  ttftMs: number;
  /** Decode rate: token i is sent at ttftMs + i × 1000 / tokensPerSec. */
  tokensPerSec: number;
  /** Reported as model load time (Ollama `load_duration`), kept apart from prompt processing. */
  loadMs: number;
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
}

export type ReplyBlock =
  | { type: 'thinking'; text: string }
  | { type: 'text'; text: string }
  | { type: 'tool_call'; name: string; input: Record<string, unknown> };

/** What a persona says, before tokenising and truncation. */
export type Reply =
  | {
      kind: 'answer';
      blocks: ReplyBlock[] /** Stop as if the budget ran out, whatever the budget. */;
      forceMaxTokens?: boolean;
    }
  /** Accept the request and never send a byte (for timeout tests). */
  | { kind: 'silent' };

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
