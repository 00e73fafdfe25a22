/**
 * Folds Anthropic stream events into one `MessagesResponse`: the JSON answer for `stream:false`
 * clients and the `response` of every exchange record. Text is appended per block; tool
 * arguments are kept as the raw JSON the model streamed.
 */
import type { MessagesResponse, ResponseBlock, StopDetail, StopReason, StreamEvent, Usage } from '../core/messages.ts';
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
  /** Why a `max_tokens` stop happened, when the decoder could tell (harness-only). */
  stopDetail(): StopDetail | null;
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

interface AssemblyState {
  readonly fallbackModel: string;
  head: MessagesResponse | null;
  readonly blocks: Map<number, BlockState>;
  stopReason: StopReason | null;
  stopDetail: StopDetail | null;
  stopSequence: string | null;
  usage: Usage;
  outputReported: number | null;
  inputReported: number | null;
}

/** A fresh assembler for one message. */
export function createMessageAssembler(fallbackModel: string): MessageAssembler {
  const state: AssemblyState = {
    fallbackModel,
    head: null,
    blocks: new Map(),
    stopReason: null,
    stopDetail: null,
    stopSequence: null,
    usage: { input_tokens: 0, output_tokens: 0 },
    outputReported: null,
    inputReported: null,
  };
  const inOrder = (): Array<[number, BlockState]> => [...state.blocks.entries()].sort(([a], [b]) => a - b);
  return {
    apply: (event) => applyEvent(state, event),
    message: () => (state.head === null ? null : assembledMessage(state.head, state, inOrder())),
    toolCalls() {
      const last = Math.max(...state.blocks.keys());
      const calls: AssembledToolCall[] = [];
      for (const [index, block] of inOrder()) {
        const call = toolCall(index, block);
        if (call !== null) calls.push({ ...call, cut: state.stopReason === 'max_tokens' && index === last });
      }
      return calls;
    },
    textBlocks() {
      const texts = new Map<number, string>();
      for (const [index, block] of state.blocks)
        if (block.block.type === 'text') texts.set(index, block.block.text + block.text);
      return texts;
    },
    stopReason: () => state.stopReason,
    stopDetail: () => state.stopDetail,
    reportedOutputTokens: () => state.outputReported,
    reportedInputTokens: () => state.inputReported,
  };
}

function applyEvent(state: AssemblyState, event: StreamEvent): void {
  switch (event.type) {
    case 'message_start':
      state.head = event.message;
      state.usage = { ...event.message.usage };
      state.inputReported = promptTokens(event.message.usage) ?? state.inputReported;
      break;
    case 'content_block_start':
      ensureHead(state);
      state.blocks.set(event.index, { block: event.content_block, text: '', signature: '' });
      break;
    case 'content_block_delta': {
      const block = state.blocks.get(event.index);
      if (block === undefined) break;
      const delta = event.delta;
      if (delta.type === 'text_delta') block.text += delta.text;
      else if (delta.type === 'thinking_delta') block.text += delta.thinking;
      else if (delta.type === 'input_json_delta') block.text += delta.partial_json;
      else if (delta.type === 'signature_delta') block.signature += delta.signature;
      break;
    }
    case 'message_delta':
      ensureHead(state);
      state.stopReason = event.delta.stop_reason;
      state.stopDetail = event.stop_detail ?? null;
      state.stopSequence = event.delta.stop_sequence;
      state.usage = { ...state.usage, ...event.usage };
      if (typeof event.usage.output_tokens === 'number') state.outputReported = event.usage.output_tokens;
      state.inputReported = promptTokens(event.usage) ?? state.inputReported;
      break;
    default:
      break;
  }
}

function ensureHead(state: AssemblyState): void {
  state.head ??= {
    id: 'msg_unknown',
    type: 'message',
    role: 'assistant',
    model: state.fallbackModel,
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: { input_tokens: 0, output_tokens: 0 },
  };
}

function assembledMessage(
  head: MessagesResponse,
  state: AssemblyState,
  blocks: ReadonlyArray<[number, BlockState]>,
): MessagesResponse {
  const content: ResponseBlock[] = blocks.map(([index, { block, text, signature }]): ResponseBlock => {
    if (block.type === 'text') return { type: 'text', text: block.text + text };
    if (block.type === 'thinking') {
      const signed = (block.signature ?? '') + signature;
      const thinking = block.thinking + text;
      return signed === '' ? { type: 'thinking', thinking } : { type: 'thinking', thinking, signature: signed };
    }
    const call = toolCall(index, { block, text, signature });
    const input = call !== null && call.parseError === null ? (call.input as Record<string, unknown>) : {};
    return { type: 'tool_use', id: block.id, name: block.name, input };
  });
  return { ...head, content, stop_reason: state.stopReason, stop_sequence: state.stopSequence, usage: state.usage };
}

function toolCall(index: number, state: BlockState): Omit<AssembledToolCall, 'cut'> | null {
  if (state.block.type !== 'tool_use') return null;
  const start = state.block.input;
  // Some dialects put the whole input in content_block_start and stream no deltas.
  const rawJson =
    state.text === '' && start !== undefined && Object.keys(start).length > 0 ? JSON.stringify(start) : state.text;
  const parsed = parseToolArguments(rawJson);
  return { index, id: state.block.id, name: state.block.name, rawJson, input: parsed.input, parseError: parsed.error };
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
