/**
 * The one scanning loop behind both `findTextToolCalls` (whole text, `final`) and the streaming
 * scanner (text so far): from `from`, find the next place a format may start, ask the format
 * readers there, and either take the calls out, pass the text on, or stop where a call may still
 * be forming. Because readers are monotone, scanning a text in pieces decides exactly as scanning
 * it whole.
 */
import { type OpenerRow, openerRows, textCallFormats } from './formats.ts';
import type { ReadCall, ReadResult } from './reader.ts';
import { resolveToolName } from './tool-names.ts';
import type { TextCallContext, TextCallPiece, TextCallScan, TextToolCall } from './types.ts';

export const defaultMaxCallChars = 262_144;

export interface ScanOutcome {
  pieces: TextCallPiece[];
  /** Everything before this index is decided (released or taken as a call). */
  decidedTo: number;
}

const allOpeners = [...new Set(openerRows.flatMap((row) => row.openers))].sort((a, b) => b.length - a.length);
const longestOpener = Math.max(...allOpeners.map((o) => o.length));
const openerFirstChars: ReadonlySet<string> = new Set(allOpeners.map((o) => o[0]!));
// Not global, so it holds no lastIndex: it is used with String.prototype.search on a slice.
const openerPattern = new RegExp(allOpeners.map((o) => o.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));

/** Where the scanned text sits in the whole block: a scanner passes on text and forgets it. */
export interface ScanOrigin {
  /** The block index of `text[0]`. */
  offset: number;
  /** Whether everything before `text[0]` was whitespace. */
  leadingBlank: boolean;
}

const blockStart: ScanOrigin = { offset: 0, leadingBlank: true };

/**
 * Scans `text` from `from`; with `final` false, stops where a call may still be forming. Calls'
 * `start` and `end` are block indexes (`origin.offset` added).
 */
export function scanTextCalls(
  text: string,
  from: number,
  final: boolean,
  ctx: TextCallContext,
  origin: ScanOrigin = blockStart,
): ScanOutcome {
  const pieces: TextCallPiece[] = [];
  const pushText = (start: number, end: number): void => {
    if (end > start) pieces.push({ type: 'text', text: text.slice(start, end) });
  };
  let textStart = from;
  let pos = from;
  for (;;) {
    const candidate = nextCandidate(text, pos, final);
    if (candidate === null) {
      pushText(textStart, text.length);
      return { pieces, decidedTo: text.length };
    }
    const outcome = readAt(text, candidate, final, ctx, origin);
    if (outcome.kind === 'partial') {
      pushText(textStart, candidate);
      return { pieces, decidedTo: candidate };
    }
    if (outcome.kind === 'none') {
      pos = candidate + 1;
      continue;
    }
    pushText(textStart, candidate);
    for (const call of outcome.calls) pieces.push({ type: 'call', call });
    textStart = pos = outcome.end;
  }
}

/** The first index at or after `pos` where an opener starts, or (text not final) may be starting. */
function nextCandidate(text: string, pos: number, final: boolean): number | null {
  const found = text.slice(pos).search(openerPattern);
  const full = found === -1 ? null : pos + found;
  if (final) return full;
  const tailFrom = Math.max(pos, text.length - longestOpener + 1);
  for (let i = tailFrom; i < (full ?? text.length); i++) {
    if (!openerFirstChars.has(text[i]!)) continue;
    const tail = text.slice(i);
    if (allOpeners.some((o) => o.length > tail.length && o.startsWith(tail))) return i;
  }
  return full;
}

type Outcome = { kind: 'none' } | { kind: 'partial' } | { kind: 'match'; end: number; calls: TextToolCall[] };

function readAt(text: string, at: number, final: boolean, ctx: TextCallContext, origin: ScanOrigin): Outcome {
  const rest = text.slice(at, at + longestOpener);
  // A longer opener may still be forming here ("[TOOL_CA" before "[TOOL_CALLS]"): wait for it.
  if (!final && allOpeners.some((o) => o.length > rest.length && o.startsWith(rest))) return { kind: 'partial' };
  const max = ctx.maxCallChars ?? defaultMaxCallChars;
  const leadingBlank = origin.leadingBlank;
  for (const row of openerRows) {
    const opener = row.openers.find((o) => text.startsWith(o, at));
    if (opener === undefined) continue;
    const bounded = withinBound(row.read({ text, at, opener, final, ctx, leadingBlank }), text.length - at, at, max);
    if (bounded.kind === 'partial') return bounded;
    if (bounded.kind === 'match') {
      return { kind: 'match', end: bounded.end, calls: toTextCalls(text, at, row, bounded, ctx, origin.offset) };
    }
  }
  return { kind: 'none' };
}

// A call longer than the bound is not recognised, so text that only looks like an opener is not
// held forever; the same rule applies to a whole text, so both scans agree.
function withinBound(result: ReadResult, available: number, at: number, max: number): ReadResult {
  if (result.kind === 'partial') return available > max ? { kind: 'none' } : result;
  if (result.kind === 'match' && result.end - at > max) return { kind: 'none' };
  return result;
}

function toTextCalls(
  text: string,
  at: number,
  row: OpenerRow,
  match: Extract<ReadResult, { kind: 'match' }>,
  ctx: TextCallContext,
  offset: number,
): TextToolCall[] {
  let start = at;
  return match.calls.map((call, i) => {
    const end = i === match.calls.length - 1 ? match.end : call.end;
    const where = { verbatim: text.slice(start, end), start: offset + start, end: offset + end };
    start = end;
    return toTextCall(call, row, where, ctx);
  });
}

function toTextCall(
  call: ReadCall,
  row: OpenerRow,
  where: { verbatim: string; start: number; end: number },
  ctx: TextCallContext,
): TextToolCall {
  const format = call.format ?? row.format;
  const span = { format, family: textCallFormats[format].family, envelope: textCallFormats[format].envelope };
  if (call.kind === 'call') {
    const names = resolveToolName(call.rawName, ctx);
    return { kind: 'call', ...span, ...where, ...names, input: call.input, repairs: call.repairs };
  }
  const names =
    call.rawName === null ? { name: null, rawName: null, offeredName: null } : resolveToolName(call.rawName, ctx);
  if (call.kind === 'malformed') {
    return { kind: 'malformed', ...span, ...where, ...names, rawArguments: call.rawArguments, error: call.error };
  }
  return { kind: 'incomplete', ...span, ...where, ...names, rawArguments: call.rawArguments };
}

/** Pieces with their released text and calls listed apart. */
export function collectPieces(pieces: TextCallPiece[]): TextCallScan {
  return {
    pieces,
    release: pieces.map((piece) => (piece.type === 'text' ? piece.text : '')).join(''),
    calls: pieces.flatMap((piece) => (piece.type === 'call' ? [piece.call] : [])),
  };
}
