/**
 * Loops across turns, per session: a model turn that makes the same tool call(s) (name and input)
 * or says the same text as the turn before it in the same conversation. A conversation is keyed
 * by its first message, so subagents running in parallel in one session do not interleave their
 * counts. At the limit the conversation is stopped: the proxy answers its later requests with an
 * error and tells whoever listens (the agent runner ends the CLI at once).
 */
import type { LoopRecord } from '../core/exchange.ts';
import type { MessagesRequest } from '../core/messages.ts';

/** What one finished model turn did, for comparing it with the next. */
export interface TurnSignature {
  what: 'call' | 'text';
  signature: string;
}

export interface LoopStop {
  /** The conversation that was stopped (its key, see conversationKey). */
  conversation: string;
  /** The exchange at which it was stopped. */
  exchangeId: string;
  loop: LoopRecord;
  /** When it was stopped (ISO time). */
  at: string;
}

export interface LoopTracker {
  /**
   * Takes a finished model turn (failed and abandoned turns are never observed) and the length of
   * its request's conversation; returns its loop mark when it repeats the turn before it, else null.
   * - The conversation grew: a repeat of the previous turn counts.
   * - Same length (the client sent the same request again): a repeated call counts (Claude Code
   *   re-sends when it cannot use a call, e.g. a reused tool-call id: stuck all the same); a
   *   repeated text does not (a retry, or the same prompt run again).
   * - Shorter: the conversation was started again (the same prompt in a new run); counting restarts.
   */
  observe(conversation: string, messageCount: number, turn: TurnSignature | null): LoopRecord | null;
  /** Stops `stop.conversation` and notifies the listeners (once per session). */
  stop(stop: LoopStop): void;
  /** The stop of this conversation, if it was stopped. */
  stoppedFor(conversation: string): LoopStop | null;
  /** The session's first stop, if any. */
  firstStop(): LoopStop | null;
  /** Runs `listener` at the session's first stop (at once when it already happened). */
  onStopped(listener: (stop: LoopStop) => void): void;
}

const signatureChars = 300;

/** A tracker stopping at `limit` repeats in a row (0: never stops, still marks repeats). */
export function createLoopTracker(limit: number): LoopTracker {
  const last = new Map<string, { turn: TurnSignature; count: number; messageCount: number }>();
  const stops = new Map<string, LoopStop>();
  const listeners: Array<(stop: LoopStop) => void> = [];
  let first: LoopStop | null = null;
  return {
    observe(conversation, messageCount, turn) {
      const previous = last.get(conversation);
      if (turn === null) {
        last.delete(conversation);
        return null;
      }
      const resent = previous !== undefined && messageCount === previous.messageCount;
      if (resent && turn.what === 'text') return null;
      const continues = previous !== undefined && messageCount >= previous.messageCount;
      const same = continues && previous.turn.what === turn.what && previous.turn.signature === turn.signature;
      const count = same ? previous.count + 1 : 1;
      last.set(conversation, { turn, count, messageCount });
      if (count < 2) return null;
      return { what: turn.what, count, signature: shorten(turn.signature), stopped: limit > 0 && count >= limit };
    },
    stop(stop) {
      if (stops.has(stop.conversation)) return;
      stops.set(stop.conversation, stop);
      if (first !== null) return;
      first = stop;
      for (const listener of listeners) listener(stop);
    },
    stoppedFor: (conversation) => stops.get(conversation) ?? null,
    firstStop: () => first,
    onStopped(listener) {
      if (first !== null) listener(first);
      else listeners.push(listener);
    },
  };
}

/**
 * A conversation's key: its first message as JSON (the same for every turn of it; a few KB for
 * Claude Code, kept once per conversation, and cheaper per request than hashing it).
 */
export function conversationKey(request: Pick<MessagesRequest, 'messages'>): string {
  return JSON.stringify(request.messages[0] ?? null);
}

/**
 * The turn's tool calls (name and input with sorted keys) when it made any, else its text
 * (trimmed); null for a turn with neither (an empty reply repeats nothing).
 */
export function turnSignature(
  calls: ReadonlyArray<{ name: string; input: unknown }>,
  texts: readonly string[],
): TurnSignature | null {
  if (calls.length > 0)
    return { what: 'call', signature: calls.map((call) => `${call.name} ${canonicalJson(call.input)}`).join(' + ') };
  const text = texts.join('\n').trim();
  return text === '' ? null : { what: 'text', signature: text };
}

/** JSON with object keys sorted at every level: equal inputs give equal text whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The mark of a turn stopped for repeating itself inside the stream. */
export function streamLoopMark(repetition: { count: number; unit: string }): LoopRecord {
  return { what: 'stream', count: repetition.count, signature: shorten(repetition.unit), stopped: true };
}

/** The signature as recorded: whitespace collapsed, at most 300 characters. */
function shorten(text: string): string {
  const flat = text
    .slice(0, signatureChars * 2)
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length <= signatureChars && text.length <= signatureChars * 2
    ? flat
    : `${flat.slice(0, signatureChars - 1)}…`;
}
