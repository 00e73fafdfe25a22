/**
 * Whether a server streams a tool call in pieces, so that a turn's time to first token means the
 * same thing across backends. Ollama never does, on any of its APIs: its tool parsers hold the
 * output until a call is complete (and its llama-server runner emits calls only on the final line),
 * so the first token of a tool-call turn arrives with the whole call. llama-server (chat-message
 * diffs, tools/server/server-task.cpp) and vLLM (streaming tool parsers) send the call as it is
 * generated.
 */
import type { DialectKind, ServerKind } from './types.ts';

/** True when tool calls stream early, false when they arrive whole, null when the server is not known. */
export function streamsToolCalls(dialect: DialectKind, server: ServerKind = 'other'): boolean | null {
  if (dialect === 'ollama' || server === 'ollama') return false;
  if (server === 'llama-server' || server === 'vllm') return true;
  return null;
}
