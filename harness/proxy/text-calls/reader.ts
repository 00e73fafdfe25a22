/**
 * The contract every format reader keeps, and the small helpers they share. A reader looks at
 * the text from one opener and says `none` (this is not the format, whatever text follows),
 * `partial` (it may still become a call: wait for more text) or `match` (calls found, ending at
 * `end`). A reader must be monotone: what it says about a prefix of the text never contradicts
 * what it says about the whole; that is what lets the streaming scanner decide early.
 */
import type { ArgumentRepair, TextCallContext, TextCallFormatId } from './types.ts';

export interface ReadInput {
  text: string;
  /** Where the opener starts. */
  at: number;
  /** The opener found at `at`. */
  opener: string;
  /** True when no more text will come. */
  final: boolean;
  /** True when everything before `text` (text already passed on by a scanner) was whitespace. */
  leadingBlank: boolean;
  ctx: TextCallContext;
}

interface ReadCallBase {
  /** Where this call's share of the envelope ends (the last call's end is the match's end). */
  end: number;
  /** Set when the call's format differs from the opener row's (e.g. `<tool_call>` bodies). */
  format?: TextCallFormatId;
}

export type ReadCall =
  | (ReadCallBase & { kind: 'call'; rawName: string; input: Record<string, unknown>; repairs: ArgumentRepair[] })
  | (ReadCallBase & { kind: 'malformed'; rawName: string | null; rawArguments: string; error: string })
  | (ReadCallBase & { kind: 'incomplete'; rawName: string | null; rawArguments: string });

export type ReadResult = { kind: 'none' } | { kind: 'partial' } | { kind: 'match'; end: number; calls: ReadCall[] };

export type FormatReader = (input: ReadInput) => ReadResult;

export const none: ReadResult = { kind: 'none' };
export const partial: ReadResult = { kind: 'partial' };

/** `partial` while more text may come, else what `whenFinal` says (an incomplete call, usually). */
export function waitOr(input: ReadInput, whenFinal: () => ReadResult): ReadResult {
  return input.final ? whenFinal() : partial;
}

/** A one-call match. */
export function single(call: ReadCall): ReadResult {
  return { kind: 'match', end: call.end, calls: [call] };
}

/** An envelope cut off at the end of the text. */
export function incomplete(
  input: ReadInput,
  rawName: string | null,
  rawArguments: string,
  format?: TextCallFormatId,
): ReadResult {
  const call: ReadCall = { kind: 'incomplete', end: input.text.length, rawName, rawArguments };
  return single(format === undefined ? call : { ...call, format });
}

export function skipSpace(text: string, i: number): number {
  let j = i;
  while (j < text.length && /\s/.test(text[j]!)) j++;
  return j;
}

/** True when `tail` could still grow into one of `markers` (it is a proper prefix of one). */
export function couldBecome(tail: string, markers: readonly string[]): boolean {
  return markers.some((marker) => marker.length > tail.length && marker.startsWith(tail));
}

export type CloseOutcome =
  /** A closing marker follows (after whitespace); `end` is after it. */
  | { kind: 'closed'; end: number }
  /** Something else follows: the envelope ends at `end` without its closing marker. */
  | { kind: 'open'; end: number }
  /** Only whitespace or the start of a closing marker so far: wait. */
  | { kind: 'wait' };

/** Looks for one of `closers` after `pos`, skipping whitespace. */
export function closeAfter(input: ReadInput, pos: number, closers: readonly string[]): CloseOutcome {
  const { text } = input;
  const q = skipSpace(text, pos);
  const closer = closers.find((c) => text.startsWith(c, q));
  if (closer !== undefined) return { kind: 'closed', end: q + closer.length };
  if (!input.final && couldBecome(text.slice(q), closers)) return { kind: 'wait' };
  return { kind: 'open', end: pos };
}

/**
 * Finishes calls whose body ended at the last call's `end`: takes an optional closing marker
 * after it, or waits while one may still come. `closeRequired` marks a missing closer as a repair.
 */
export function finishCalls(
  input: ReadInput,
  calls: readonly ReadCall[],
  closers: readonly string[],
  closeRequired: boolean,
): ReadResult {
  const last = calls[calls.length - 1]!;
  const close = closeAfter(input, last.end, closers);
  if (close.kind === 'wait') return partial;
  const lastCall: ReadCall =
    close.kind === 'closed'
      ? { ...last, end: close.end }
      : closeRequired && last.kind === 'call'
        ? { ...last, repairs: [...last.repairs, 'close_marker_missing'] }
        : last;
  return { kind: 'match', end: lastCall.end, calls: [...calls.slice(0, -1), lastCall] };
}

/** A `"name": "…"` found in text that is not valid JSON, for reporting a malformed call. */
export function nameInBrokenJson(text: string): string | null {
  return /["'](?:name|tool_name)["']\s*:\s*["']([^"'\n]{1,200})["']/.exec(text)?.[1] ?? null;
}
