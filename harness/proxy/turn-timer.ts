/**
 * Per-exchange timing with the injected clock: queue wait apart; TTFT, first text and first tool
 * call from the upstream request being sent; decode rate over the tokens after the first.
 */
import type { Clock } from '../core/context.ts';
import type { TurnTimings } from '../core/exchange.ts';

/** What a content delta carried: text or reasoning, or a piece of a tool call's arguments. */
export type DeltaKind = 'text' | 'tool_args';

export interface TurnTimer {
  /** The request entered the queue for an upstream slot. */
  queued(): void;
  /** It got a slot. */
  started(): void;
  /** The upstream request was sent. */
  sent(): void;
  /** A non-empty text, thinking or tool-argument delta arrived. Called per chunk: keep it cheap. */
  token(kind: DeltaKind): void;
  /** A tool_use block started (the tool's name is known); content for TTFT and the decode span. */
  toolCallStarted(): void;
  /** The last byte arrived (or the exchange ended otherwise). */
  ended(): void;
  /**
   * The timings; `outputTokens` is the upstream's own count when it gave one, else the number of
   * content deltas is used.
   */
  timings(outputTokens: number | null): TurnTimings;
}

/** A timer for one exchange; every mark reads `clock.now()` once. */
export function createTurnTimer(clock: Clock): TurnTimer {
  const created = clock.now();
  let queuedAt: number | null = null;
  let startedAt: number | null = null;
  let sentAt: number | null = null;
  let firstAt: number | null = null;
  let firstTextAt: number | null = null;
  let firstToolAt: number | null = null;
  let lastAt: number | null = null;
  let endedAt: number | null = null;
  let deltas = 0;

  return {
    queued() {
      queuedAt = clock.now();
    },
    started() {
      startedAt = clock.now();
    },
    sent() {
      sentAt = clock.now();
    },
    token(kind) {
      const now = clock.now();
      if (firstAt === null) firstAt = now;
      if (kind === 'text') firstTextAt ??= now;
      else firstToolAt ??= now;
      lastAt = now;
      deltas += 1;
    },
    toolCallStarted() {
      // The start carries the tool's name, which the model generated: it counts as content.
      const now = clock.now();
      firstAt ??= now;
      firstToolAt ??= now;
      lastAt = now;
    },
    ended() {
      endedAt = clock.now();
    },
    timings(outputTokens) {
      const end = endedAt ?? clock.now();
      const origin = sentAt ?? startedAt ?? queuedAt ?? created;
      const offset = (at: number | null): number | null => (at === null || sentAt === null ? null : round(at - sentAt));
      const tokens = outputTokens !== null && outputTokens > 0 ? outputTokens : deltas;
      const span = firstAt !== null && lastAt !== null ? lastAt - firstAt : 0;
      return {
        // A request whose client left while it was queued waited until the end.
        queueMs: queuedAt === null ? 0 : round((startedAt ?? end) - queuedAt),
        ttftMs: offset(firstAt),
        firstTextMs: offset(firstTextAt),
        firstToolCallMs: offset(firstToolAt),
        decodeTokensPerSec: tokens >= 2 && span > 0 ? round((tokens - 1) / (span / 1000)) : null,
        responseMs: round(end - origin),
        lastTokenOffsetMs: offset(lastAt),
        deltaCount: deltas,
      };
    },
  };
}

// Microsecond precision is plenty and keeps the JSONL readable.
function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
