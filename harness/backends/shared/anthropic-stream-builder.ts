/**
 * Turns a dialect's pieces (text, thinking, tool call start, tool argument fragment, finish) into
 * a well-formed Anthropic event sequence: one `message_start`, blocks opened and closed as the
 * content type changes, indices counting up from 0, then `message_delta` and `message_stop`.
 * Each method returns the events to emit now; the builder never emits after `finish` or `fail`.
 */
import type { ResponseBlock, StopReason, StreamErrorPayload, StreamEvent, Usage } from '../../core/messages.ts';
import { type IdSource, randomIds } from './ids.ts';
import { stopDetail } from './stop-detail.ts';

type OpenBlock = { kind: 'text' | 'thinking'; index: number } | { kind: 'tool_use'; index: number; id: string };

export interface StreamBuilderOptions {
  /** The model name shown to the client (the request's own). */
  model: string;
  ids?: IdSource;
  /** The request's `max_tokens`: with it, a `max_tokens` stop carries its StopDetail. */
  maxTokens?: number;
}

export class AnthropicStreamBuilder {
  readonly #model: string;
  readonly #ids: IdSource;
  readonly #maxTokens: number | null;
  #started = false;
  #ended = false;
  #open: OpenBlock | null = null;
  #nextIndex = 0;

  constructor(options: StreamBuilderOptions) {
    this.#model = options.model;
    this.#ids = options.ids ?? randomIds;
    this.#maxTokens = options.maxTokens ?? null;
  }

  /** True once `finish` or `fail` has run. */
  get ended(): boolean {
    return this.#ended;
  }

  /** True while a tool_use block is the open block. */
  get toolBlockOpen(): boolean {
    return this.#open?.kind === 'tool_use';
  }

  /** `message_start`, once; later calls return nothing. Input tokens may be unknown (0) until the end. */
  start(inputTokens = 0): StreamEvent[] {
    if (this.#started || this.#ended) return [];
    this.#started = true;
    return [
      {
        type: 'message_start',
        message: {
          id: this.#ids('msg_'),
          type: 'message',
          role: 'assistant',
          model: this.#model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: inputTokens, output_tokens: 0 },
        },
      },
    ];
  }

  /** A piece of visible text; opens a text block when another kind of block is open. */
  text(piece: string): StreamEvent[] {
    if (piece === '' || this.#ended) return [];
    const events = this.#ensureBlock('text', { type: 'text', text: '' });
    events.push({ type: 'content_block_delta', index: this.#open!.index, delta: { type: 'text_delta', text: piece } });
    return events;
  }

  /** A piece of reasoning; opens a thinking block when another kind of block is open. */
  thinking(piece: string): StreamEvent[] {
    if (piece === '' || this.#ended) return [];
    const events = this.#ensureBlock('thinking', { type: 'thinking', thinking: '' });
    events.push({
      type: 'content_block_delta',
      index: this.#open!.index,
      delta: { type: 'thinking_delta', thinking: piece },
    });
    return events;
  }

  /** Opens a tool_use block (always a new one: two calls are two blocks). */
  toolStart(id: string, name: string): StreamEvent[] {
    if (this.#ended) return [];
    const events = [...this.start(), ...this.#closeOpen()];
    const index = this.#nextIndex++;
    this.#open = { kind: 'tool_use', index, id };
    events.push({ type: 'content_block_start', index, content_block: { type: 'tool_use', id, name, input: {} } });
    return events;
  }

  /** A fragment of the open tool call's JSON arguments. Ignored when no tool block is open. */
  toolArgs(fragment: string): StreamEvent[] {
    if (fragment === '' || this.#ended || this.#open?.kind !== 'tool_use') return [];
    return [
      {
        type: 'content_block_delta',
        index: this.#open.index,
        delta: { type: 'input_json_delta', partial_json: fragment },
      },
    ];
  }

  /** Closes the open block, then `message_delta` with the stop reason and usage, then `message_stop`. */
  finish(
    stopReason: StopReason,
    usage: { inputTokens?: number | null; outputTokens?: number | null } = {},
  ): StreamEvent[] {
    if (this.#ended) return [];
    const events = [...this.start(usage.inputTokens ?? 0), ...this.#closeOpen()];
    this.#ended = true;
    const deltaUsage: Partial<Usage> & { output_tokens: number } = { output_tokens: usage.outputTokens ?? 0 };
    if (usage.inputTokens !== undefined && usage.inputTokens !== null) deltaUsage.input_tokens = usage.inputTokens;
    const delta: StreamEvent = {
      type: 'message_delta',
      delta: { stop_reason: stopReason, stop_sequence: null },
      usage: deltaUsage,
    };
    const detail =
      this.#maxTokens === null
        ? undefined
        : stopDetail(
            stopReason,
            { outputTokens: usage.outputTokens ?? null, promptTokens: usage.inputTokens ?? null },
            this.#maxTokens,
          );
    if (detail !== undefined) delta.stop_detail = detail;
    events.push(delta, { type: 'message_stop' });
    return events;
  }

  /** An `error` event; the stream ends there (open blocks stay open, as the real API does). */
  fail(error: StreamErrorPayload): StreamEvent[] {
    if (this.#ended) return [];
    this.#ended = true;
    return [{ type: 'error', error }];
  }

  /** A fresh tool-use id from the builder's id source. */
  newToolUseId(): string {
    return this.#ids('toolu_');
  }

  #ensureBlock(kind: 'text' | 'thinking', contentBlock: ResponseBlock): StreamEvent[] {
    const events = this.start();
    if (this.#open?.kind === kind) return events;
    events.push(...this.#closeOpen());
    const index = this.#nextIndex++;
    this.#open = { kind, index };
    events.push({ type: 'content_block_start', index, content_block: contentBlock });
    return events;
  }

  #closeOpen(): StreamEvent[] {
    if (this.#open === null) return [];
    const index = this.#open.index;
    this.#open = null;
    return [{ type: 'content_block_stop', index }];
  }
}
