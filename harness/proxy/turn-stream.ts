/**
 * What happens to each event of one upstream turn: timing marks, the server's own timings,
 * assembly of what the model sent and of what the client received, the response transformer (cut
 * calls withheld, the rescue), degenerate-repetition watch, and relaying to the client without the
 * harness-only fields. Also closes the client's message cleanly when the turn is cut short.
 */
import type { UpstreamEvent } from '../backends/types.ts';
import type { ApiError, ServerTimings, StreamEvent } from '../core/messages.ts';
import { apiError } from './api-error.ts';
import { contentDeltaKind } from './content-delta.ts';
import type { MessageAssembler } from './message-assembler.ts';
import type { ResponseStream } from './response-stream.ts';
import type { SseWriter } from './sse-writer.ts';
import { createRepetitionDetector, type Repetition, type RepetitionDetector } from './stream-repetition.ts';
import type { TurnTimer } from './turn-timer.ts';

export interface TurnStreamParts {
  timer: TurnTimer;
  /** What the model sent. */
  raw: MessageAssembler;
  /** What the client received. */
  sent: MessageAssembler;
  /** What the client receives in place of each upstream event (response-stream.ts). */
  response: ResponseStream;
  /** The client's SSE stream, or null for a `stream:false` client. */
  writer: SseWriter | null;
  /** Repeats of one line or sentence in a row that stop the turn (0: never). */
  repetitionLimit: number;
}

export interface TurnStream {
  /** Handles one decoded event; false when the turn is over (an upstream error or a loop). */
  push(event: UpstreamEvent): boolean;
  /** Ends the client's message: open blocks closed, `end_turn`, `message_stop`. */
  closeMessage(): void;
  serverTimings: ServerTimings | null;
  /** The upstream's `error` event, mapped (its category kept). */
  failure: ApiError | null;
  sawStop: boolean;
  /** A degenerate repetition that stopped the turn. */
  repetition: Repetition | null;
}

/** The event handling of one turn. */
export function createTurnStream(parts: TurnStreamParts): TurnStream {
  const { timer, raw, sent, response, writer } = parts;
  const watch = createRepetitionWatch(parts.repetitionLimit);
  const openBlocks = new Set<number>();
  const emit = (event: StreamEvent): void => {
    if (event.type === 'content_block_start') openBlocks.add(event.index);
    else if (event.type === 'content_block_stop') openBlocks.delete(event.index);
    writer?.write(forClient(event));
    sent.apply(event);
  };
  const stream: TurnStream = {
    serverTimings: null,
    failure: null,
    sawStop: false,
    repetition: null,
    push(upstreamEvent) {
      if (upstreamEvent.type === 'server_timings') {
        stream.serverTimings = upstreamEvent.timings;
        return true;
      }
      if (upstreamEvent.type === 'error') {
        const { type, message, category } = upstreamEvent.error;
        stream.failure = category === undefined ? apiError(type, message) : { ...apiError(type, message), category };
        return false;
      }
      const event: StreamEvent = upstreamEvent;
      const kind = contentDeltaKind(event);
      if (kind !== null) timer.token(kind);
      else if (event.type === 'content_block_start' && event.content_block.type === 'tool_use') timer.toolCallStarted();
      else if (event.type === 'message_stop') stream.sawStop = true;
      raw.apply(event);
      for (const out of response.push(event)) emit(out);
      stream.repetition = watch(event);
      return stream.repetition === null;
    },
    closeMessage() {
      for (const event of closingEvents(openBlocks, raw.reportedOutputTokens() ?? 0)) emit(event);
    },
  };
  return stream;
}

/** The event as Claude Code gets it: the harness-only `stop_detail` stays in the record. */
function forClient(event: StreamEvent): StreamEvent {
  if (event.type !== 'message_delta' || event.stop_detail === undefined) return event;
  const { stop_detail: _detail, ...rest } = event;
  return rest;
}

/** Watches text and thinking deltas, one detector per block, for a degenerate repetition. */
function createRepetitionWatch(limit: number): (event: StreamEvent) => Repetition | null {
  const detectors = new Map<number, RepetitionDetector>();
  return (event) => {
    if (limit <= 0 || event.type !== 'content_block_delta') return null;
    const delta = event.delta;
    const text = delta.type === 'text_delta' ? delta.text : delta.type === 'thinking_delta' ? delta.thinking : null;
    if (text === null) return null;
    let detector = detectors.get(event.index);
    if (detector === undefined) {
      detector = createRepetitionDetector({ limit });
      detectors.set(event.index, detector);
    }
    return detector.push(text);
  };
}

/** The events that end a message cut short: each open block stopped, then `end_turn`. */
export function closingEvents(openBlocks: ReadonlySet<number>, outputTokens: number): StreamEvent[] {
  const stops = [...openBlocks]
    .sort((a, b) => a - b)
    .map((index): StreamEvent => ({ type: 'content_block_stop', index }));
  return [
    ...stops,
    {
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { output_tokens: outputTokens },
    },
    { type: 'message_stop' },
  ];
}
