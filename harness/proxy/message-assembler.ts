/**
 * Folds Anthropic stream events into one `MessagesResponse`: the JSON answer for `stream:false`
 * clients and the `response` of every exchange record. Text is appended per block; tool
 * arguments are kept as the raw JSON the model streamed.
 */
import type { MessagesResponse, ResponseBlock, StopReason, StreamEvent, Usage } from '../core/messages.ts';
import { parseToolArguments } from './tool-call-validation.ts';

/** One tool_use block as streamed: raw arguments and their parse. */
export interface AssembledToolCall {
  index: number;
  id: string;
  name: string;
  rawJson: string;
  input: unknown;
  parseError: string | null;
  /** True when the message ended at the output limit (stop max_tokens) with this call its last block. */
  cut: boolean;
}

export interface MessageAssembler {
  apply(event: StreamEvent): void;
  /** The message so far; null until anything arrived. */
  message(): MessagesResponse | null;
  toolCalls(): AssembledToolCall[];
  /** Text of each text block by index (for leaked-token checks). */
  textBlocks(): Map<number, string>;
  stopReason(): StopReason | null;
  /** Output tokens as the upstream reported them, or null when it never did. */
  reportedOutputTokens(): number | null;
  reportedInputTokens(): number | null;
}

interface BlockState {
  block: ResponseBlock;
  /** Accumulated text, thinking or tool JSON. */
  text: string;
  signature: string;
}

/** A fresh assembler for one message. */
export function createMessageAssembler(fallbackModel: string): MessageAssembler {
  let head: MessagesResponse | null = null;
  const blocks = new Map<number, BlockState>();
  let stopReason: StopReason | null = null;
  let stopSequence: string | null = null;
  let usage: Usage = { input_tokens: 0, output_tokens: 0 };
  let outputReported: number | null = null;
  let inputReported: number | null = null;

  const ensureHead = (): MessagesResponse =>
    (head ??= {
      id: 'msg_unknown',
      type: 'message',
      role: 'assistant',
      model: fallbackModel,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 0, output_tokens: 0 },
    });

  const toolCall = (index: number, state: BlockState): Omit<AssembledToolCall, 'cut'> | null => {
    if (state.block.type !== 'tool_use') return null;
    const start = state.block.input;
    // Some dialects put the whole input in content_block_start and stream no deltas.
    const rawJson =
      state.text === '' && start !== undefined && Object.keys(start).length > 0 ? JSON.stringify(start) : state.text;
    const parsed = parseToolArguments(rawJson);
    return {
      index,
      id: state.block.id,
      name: state.block.name,
      rawJson,
      input: parsed.input,
      parseError: parsed.error,
    };
  };

  return {
    apply(event) {
      switch (event.type) {
        case 'message_start':
          head = event.message;
          usage = { ...event.message.usage };
          inputReported = promptTokens(event.message.usage) ?? inputReported;
          break;
        case 'content_block_start':
          ensureHead();
          blocks.set(event.index, { block: event.content_block, text: '', signature: '' });
          break;
        case 'content_block_delta': {
          const state = blocks.get(event.index);
          if (state === undefined) break;
          const delta = event.delta;
          if (delta.type === 'text_delta') state.text += delta.text;
          else if (delta.type === 'thinking_delta') state.text += delta.thinking;
          else if (delta.type === 'input_json_delta') state.text += delta.partial_json;
          else if (delta.type === 'signature_delta') state.signature += delta.signature;
          break;
        }
        case 'message_delta':
          ensureHead();
          stopReason = event.delta.stop_reason;
          stopSequence = event.delta.stop_sequence;
          usage = { ...usage, ...event.usage };
          if (typeof event.usage.output_tokens === 'number') outputReported = event.usage.output_tokens;
          inputReported = promptTokens(event.usage) ?? inputReported;
          break;
        default:
          break;
      }
    },
    message() {
      if (head === null) return null;
      const content: ResponseBlock[] = [];
      for (const index of [...blocks.keys()].sort((a, b) => a - b)) {
        const state = blocks.get(index) as BlockState;
        const block = state.block;
        if (block.type === 'text') content.push({ type: 'text', text: block.text + state.text });
        else if (block.type === 'thinking') {
          const signature = (block.signature ?? '') + state.signature;
          content.push(
            signature === ''
              ? { type: 'thinking', thinking: block.thinking + state.text }
              : { type: 'thinking', thinking: block.thinking + state.text, signature },
          );
        } else {
          const call = toolCall(index, state);
          const input = call !== null && call.parseError === null ? (call.input as Record<string, unknown>) : {};
          content.push({ type: 'tool_use', id: block.id, name: block.name, input });
        }
      }
      return { ...head, content, stop_reason: stopReason, stop_sequence: stopSequence, usage };
    },
    toolCalls() {
      const calls: AssembledToolCall[] = [];
      const last = Math.max(...blocks.keys());
      for (const index of [...blocks.keys()].sort((a, b) => a - b)) {
        const call = toolCall(index, blocks.get(index) as BlockState);
        if (call !== null) calls.push({ ...call, cut: stopReason === 'max_tokens' && index === last });
      }
      return calls;
    },
    textBlocks() {
      const texts = new Map<number, string>();
      for (const [index, state] of blocks)
        if (state.block.type === 'text') texts.set(index, state.block.text + state.text);
      return texts;
    },
    stopReason: () => stopReason,
    reportedOutputTokens: () => outputReported,
    reportedInputTokens: () => inputReported,
  };
}

/**
 * The whole prompt's size from Anthropic usage. Servers with a prompt cache (llama-server)
 * report only the uncached part as input_tokens and the rest as cache_read_input_tokens.
 */
export function promptTokens(usage: Partial<Usage> | undefined): number | null {
  if (usage === undefined) return null;
  const total =
    (usage.input_tokens ?? 0) + (usage.cache_read_input_tokens ?? 0) + (usage.cache_creation_input_tokens ?? 0);
  return total > 0 ? total : null;
}
