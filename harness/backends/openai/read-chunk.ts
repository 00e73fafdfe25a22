/**
 * One parsed chat-completions chunk → Anthropic events and the facts the finish needs.
 * `delta.content` is text; `delta.reasoning_content` (llama-server, DeepSeek) or `delta.reasoning`
 * (vLLM, Ollama) is thinking; `delta.tool_calls` are fragments (tool-call-assembler.ts); the finish
 * reason, usage and llama-server's `timings` are kept for the end.
 */

import { isRecord, numberField } from '../../core/json.ts';
import type { ServerTimings, StreamErrorPayload } from '../../core/messages.ts';
import type { AnthropicStreamBuilder } from '../shared/anthropic-stream-builder.ts';
import {
  cachedOnlyTimings,
  cachedTokensFromUsage,
  llamaServerTimings,
  mergeServerTimings,
} from '../shared/server-timings.ts';
import type { UpstreamEvent } from '../types.ts';
import type { ToolCallAssembler } from './tool-call-assembler.ts';

/** What the stream has said so far about how it ends. */
export interface ChunkFacts {
  finishReason: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  timings: ServerTimings | null;
  /** The server named itself Ollama (`system_fingerprint: "fp_ollama"`, openai/openai.go). */
  ollama: boolean;
}

/** Facts of a stream that has said nothing yet. */
export function initialChunkFacts(): ChunkFacts {
  return { finishReason: null, inputTokens: null, outputTokens: null, timings: null, ollama: false };
}

/** Applies one chunk: its events go to `out`; returns a tool-call error when fragments cannot be ordered. */
export function readChunk(
  chunk: Record<string, unknown>,
  parts: { builder: AnthropicStreamBuilder; calls: ToolCallAssembler; facts: ChunkFacts },
  out: UpstreamEvent[],
): StreamErrorPayload | null {
  const { builder, calls, facts } = parts;
  out.push(...builder.start());
  if (chunk.system_fingerprint === 'fp_ollama') facts.ollama = true;
  const choice = Array.isArray(chunk.choices) && isRecord(chunk.choices[0]) ? chunk.choices[0] : null;
  const delta = choice !== null && isRecord(choice.delta) ? choice.delta : {};
  const reasoning = typeof delta.reasoning_content === 'string' ? delta.reasoning_content : delta.reasoning;
  if (typeof reasoning === 'string') out.push(...builder.thinking(reasoning));
  if (typeof delta.content === 'string') out.push(...builder.text(delta.content));
  if (Array.isArray(delta.tool_calls)) {
    for (const fragment of delta.tool_calls) {
      const result = calls.add(fragment);
      if (!result.ok) return { type: 'api_error', message: result.message, category: 'malformed_stream' };
      out.push(...result.events);
    }
  }
  if (choice !== null && typeof choice.finish_reason === 'string') facts.finishReason = choice.finish_reason;
  readUsage(chunk, facts);
  return null;
}

function readUsage(chunk: Record<string, unknown>, facts: ChunkFacts): void {
  if (isRecord(chunk.usage)) {
    facts.inputTokens = numberField(chunk.usage, 'prompt_tokens') ?? facts.inputTokens;
    facts.outputTokens = numberField(chunk.usage, 'completion_tokens') ?? facts.outputTokens;
    facts.timings = mergeServerTimings(facts.timings, cachedOnlyTimings(cachedTokensFromUsage(chunk.usage)));
  }
  facts.timings = mergeServerTimings(facts.timings, llamaServerTimings(chunk.timings));
}
