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

export interface ApiError {
  status: number;
  type: ApiErrorType;
  message: string;
}

export type StreamEvent =
  | { type: 'message_start'; message: MessagesResponse }
  | { type: 'content_block_start'; index: number; content_block: ResponseBlock }
  | { type: 'content_block_delta'; index: number; delta: ContentDelta }
  | { type: 'content_block_stop'; index: number }
  | {
      type: 'message_delta';
      delta: { stop_reason: StopReason | null; stop_sequence: string | null };
      usage: Partial<Usage> & { output_tokens: number };
    }
  | { type: 'message_stop' }
  | { type: 'ping' }
  | { type: 'error'; error: { type: ApiErrorType; message: string } };

/**
 * Timings a backend reports about itself (the server's clock), normalised.
 * Ollama: eval_count/eval_duration, prompt_eval_count/prompt_eval_duration, load_duration.
 * llama-server: timings.predicted_n/predicted_ms, prompt_n/prompt_ms.
 */
export interface ServerTimings {
  decodeTokens: number | null;
  decodeMs: number | null;
  prefillTokens: number | null;
  prefillMs: number | null;
  loadMs: number | null;
}
