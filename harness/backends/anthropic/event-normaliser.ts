/**
 * Re-emits an Anthropic-compatible stream normalised: one `message_start` first, every block
 * started before its deltas and stopped before the next block or the message delta,
 * `message_delta` before `message_stop`. What the server reported about itself (llama-server
 * `timings`, cached prompt tokens in usage) leaves as one `server_timings` event just before the
 * end; a `max_tokens` stop gets its StopDetail. Each method returns the events to emit now.
 */

import { isRecord, numberField } from '../../core/json.ts';
import type { ContentDelta, ServerTimings, StreamEvent } from '../../core/messages.ts';
import type { IdSource } from '../shared/ids.ts';
import {
  cachedOnlyTimings,
  cachedTokensFromUsage,
  llamaServerTimings,
  mergeServerTimings,
} from '../shared/server-timings.ts';
import { stopDetail } from '../shared/stop-detail.ts';
import type { UpstreamEvent } from '../types.ts';
import { wireBlock, wireDelta, wireMessage, wireStopReason, wireUsage } from './wire-events.ts';

// A delta for a block that was never started starts one of this type.
const blockTypeFor: Record<ContentDelta['type'], 'text' | 'thinking' | 'tool_use'> = {
  text_delta: 'text',
  thinking_delta: 'thinking',
  signature_delta: 'thinking',
  input_json_delta: 'tool_use',
};

export class AnthropicNormaliser {
  readonly #model: string;
  readonly #maxTokens: number;
  readonly #ids: IdSource;
  readonly #open = new Set<number>();
  readonly #seen = new Set<number>();
  #started = false;
  #sawMessageDelta = false;
  #promptTokens: number | null = null;
  #timings: ServerTimings | null = null;

  constructor(model: string, maxTokens: number, ids: IdSource) {
    this.#model = model;
    this.#maxTokens = maxTokens;
    this.#ids = ids;
  }

  /** Keeps timings or cached-token counts found on any event. */
  report(data: Record<string, unknown>): void {
    const usage = isRecord(data.message) ? data.message.usage : data.usage;
    this.#timings = mergeServerTimings(this.#timings, cachedOnlyTimings(cachedTokensFromUsage(usage)));
    this.#timings = mergeServerTimings(this.#timings, llamaServerTimings(data.timings));
  }

  /** `message_start`, once, with the harness's id and the request's model. */
  messageStart(message: unknown = {}): UpstreamEvent[] {
    if (this.#started) return [];
    this.#started = true;
    const head = wireMessage(message, this.#model, () => this.#ids('msg_'));
    this.#promptTokens = head.usage.input_tokens + (head.usage.cache_read_input_tokens ?? 0);
    return [{ type: 'message_start', message: head }];
  }

  blockStart(index: number, value: unknown): UpstreamEvent[] {
    const block = wireBlock(value, () => this.#ids('toolu_'));
    if (block === null || this.#open.has(index)) return [];
    return this.#openBlock({ type: 'content_block_start', index, content_block: block });
  }

  blockDelta(index: number, value: unknown): UpstreamEvent[] {
    const delta = wireDelta(value);
    if (delta === null) return [];
    const out: UpstreamEvent[] = [];
    if (!this.#open.has(index)) {
      if (this.#seen.has(index)) return []; // a late delta for a block already stopped
      const block = wireBlock({ type: blockTypeFor[delta.type] }, () => this.#ids('toolu_'));
      if (block !== null) out.push(...this.#openBlock({ type: 'content_block_start', index, content_block: block }));
    }
    out.push({ type: 'content_block_delta', index, delta });
    return out;
  }

  blockStop(index: number): UpstreamEvent[] {
    return this.#open.delete(index) ? [{ type: 'content_block_stop', index }] : [];
  }

  messageDelta(data: Record<string, unknown>): UpstreamEvent[] {
    const out = [...this.messageStart(), ...this.#closeAll()];
    this.#sawMessageDelta = true;
    const delta = isRecord(data.delta) ? data.delta : {};
    const stopReason = wireStopReason(delta.stop_reason);
    const event: StreamEvent = {
      type: 'message_delta',
      delta: {
        stop_reason: stopReason,
        stop_sequence: typeof delta.stop_sequence === 'string' ? delta.stop_sequence : null,
      },
      usage: wireUsage(data.usage),
    };
    const reported = isRecord(data.usage) ? numberField(data.usage, 'output_tokens') : null;
    const detail = stopDetail(
      stopReason,
      { outputTokens: reported, promptTokens: this.#promptTokens },
      this.#maxTokens,
    );
    if (detail !== undefined) event.stop_detail = detail;
    out.push(event);
    return out;
  }

  /** The end: open blocks closed, the server's report, a message delta if none came, `message_stop`. */
  messageStop(): UpstreamEvent[] {
    const out = [...this.messageStart(), ...this.#closeAll()];
    if (this.#timings !== null) out.push({ type: 'server_timings', timings: this.#timings });
    if (!this.#sawMessageDelta) {
      const usage = { output_tokens: 0 };
      out.push({ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage });
    }
    out.push({ type: 'message_stop' });
    return out;
  }

  #openBlock(start: StreamEvent & { type: 'content_block_start' }): UpstreamEvent[] {
    const out = [...this.messageStart(), ...this.#closeAll()];
    this.#open.add(start.index);
    this.#seen.add(start.index);
    out.push(start);
    return out;
  }

  #closeAll(): UpstreamEvent[] {
    const out: UpstreamEvent[] = [...this.#open]
      .sort((a, b) => a - b)
      .map((index) => ({ type: 'content_block_stop', index }));
    this.#open.clear();
    return out;
  }
}
