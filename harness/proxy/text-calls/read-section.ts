/**
 * The skeleton shared by formats that list calls inside a section (DeepSeek, DSML, Kimi K2):
 * an optional section opener, one or more delimited items, an optional section closer.
 */
import { couldBecome, none, partial, type ReadCall, type ReadInput, type ReadResult, skipSpace } from './reader.ts';

export type ItemRead = { kind: 'call'; call: ReadCall } | { kind: 'partial' } | { kind: 'none' };

export interface SectionSpec {
  /** Literal spellings of the item opener (to tell a cut-off opener from other text). */
  itemOpeners: readonly string[];
  /** Literal spellings of the section closer. */
  sectionClosers: readonly string[];
  /** Reads the item whose opener starts at `at`; `none` when no item opener is there. */
  readItem: (input: ReadInput, at: number) => ItemRead;
}

/** Reads items from `from` until the section closes or something else follows. */
export function readSection(input: ReadInput, from: number, spec: SectionSpec): ReadResult {
  const { text } = input;
  const calls: ReadCall[] = [];
  const done = (end: number): ReadResult =>
    calls.length === 0 ? none : { kind: 'match', end, calls: [...calls.slice(0, -1), { ...calls.at(-1)!, end }] };
  let i = from;
  for (;;) {
    const q = skipSpace(text, i);
    const item = spec.readItem(input, q);
    if (item.kind === 'partial') return partial;
    if (item.kind === 'call') {
      calls.push(item.call);
      i = item.call.end;
      continue;
    }
    const closer = spec.sectionClosers.find((c) => text.startsWith(c, q));
    if (closer !== undefined)
      return calls.length === 0 ? emptySection(input, q + closer.length, true) : done(q + closer.length);
    if (!input.final && couldBecome(text.slice(q), [...spec.itemOpeners, ...spec.sectionClosers])) return partial;
    if (calls.length === 0) return input.final && q >= text.length ? emptySection(input, text.length, false) : none;
    return done(i);
  }
}

// A section opener with no call in it: an envelope that says "tool call" and holds nothing readable.
function emptySection(input: ReadInput, end: number, closed: boolean): ReadResult {
  const rawArguments = input.text.slice(input.at + input.opener.length, end);
  const call: ReadCall = closed
    ? { kind: 'malformed', end, rawName: null, rawArguments, error: 'the tool-call section holds no call' }
    : { kind: 'incomplete', end, rawName: null, rawArguments };
  return { kind: 'match', end, calls: [call] };
}
