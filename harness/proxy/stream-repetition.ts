/**
 * Degenerate repetition inside one streamed text: the same line or sentence (or the same group of
 * up to eight of them) repeated over and over, as a looping model does (F33 in the failure
 * catalogue: a three-line unit repeated 251 times on vLLM). Text is cut into segments at newlines
 * and after sentence ends; blank segments are ignored. Cheap per chunk: only the unfinished
 * segment is scanned, and each finished one is compared with eight earlier ones.
 */

export interface Repetition {
  /** How many times in a row the unit occurred. */
  count: number;
  /** The repeated segments, joined with newlines. */
  unit: string;
}

export interface RepetitionDetector {
  /** Feeds the next piece of text; returns the repetition once it reaches the limit, else null. */
  push(text: string): Repetition | null;
}

export interface RepetitionOptions {
  /** Occurrences in a row that count as a loop. */
  limit: number;
  /** Longest unit looked for, in segments. */
  maxPeriod?: number;
  /**
   * A unit shorter than this (visible characters) never counts: `}` or `pass` on many lines in a
   * row is ordinary code, not a loop.
   */
  minUnitChars?: number;
}

// A newline, or the spaces after a sentence's end.
const boundarySource = String.raw`(?<=[.!?])[ \t]+|\r?\n`;
// A segment that never ends (minified code, one huge line) is cut here so scanning stays linear.
const maxSegmentChars = 2000;

/** A detector for one text block. */
export function createRepetitionDetector(options: RepetitionOptions): RepetitionDetector {
  const maxPeriod = options.maxPeriod ?? 8;
  const minUnitChars = options.minUnitChars ?? 24;
  const recent: string[] = [];
  // matches[p]: how many segments in a row equalled the segment p positions before them.
  const matches = new Array<number>(maxPeriod + 1).fill(0);
  // The unfinished segment, as the pieces that arrived (joined only when a segment ends).
  let pieces: string[] = [];
  let pending = 0;
  // A loop needs `limit` units of `minUnitChars` at least: text before that much is not watched,
  // so a short answer costs nothing (detection comes at most that many characters later).
  let warmup = options.limit * minUnitChars;
  let lastCode = -1;
  let boundary: RegExp | null = null;

  const add = (segment: string): Repetition | null => {
    const line = segment.trim();
    if (line === '') return null;
    let found: Repetition | null = null;
    for (let period = 1; period <= maxPeriod; period += 1) {
      const earlier = recent[recent.length - period];
      matches[period] = earlier === line ? (matches[period] as number) + 1 : 0;
      const count = Math.floor((matches[period] as number) / period) + 1;
      if (found === null && count >= options.limit) {
        const unit = [...recent.slice(recent.length - period + 1), line];
        if (unit.join('').length >= minUnitChars) found = { count, unit: unit.join('\n') };
      }
    }
    recent.push(line);
    if (recent.length > maxPeriod) recent.shift();
    return found;
  };

  return {
    push(piece) {
      let text = piece;
      if (warmup > 0) {
        if (text.length <= warmup) {
          warmup -= text.length;
          return null;
        }
        text = text.slice(warmup);
        warmup = 0;
      }
      // Most deltas hold no line or sentence end: they are only kept, never scanned again.
      const ends = mayEnd(lastCode, text);
      lastCode = text.length > 0 ? text.charCodeAt(text.length - 1) : lastCode;
      if (!ends) {
        pieces.push(text);
        pending += text.length;
        if (pending <= maxSegmentChars) return null;
        const found = add(pieces.join(''));
        pieces = [];
        pending = 0;
        return found;
      }
      const before = pieces.join('');
      const partial = before + text;
      // Only the new text (and the character before it, for a sentence end split across
      // pieces) is scanned: the unfinished segment was scanned already.
      boundary ??= new RegExp(boundarySource, 'g');
      boundary.lastIndex = Math.max(0, before.length - 1);
      let start = 0;
      let found: Repetition | null = null;
      for (let match = boundary.exec(partial); match !== null; match = boundary.exec(partial)) {
        found ??= add(partial.slice(start, match.index));
        start = match.index + match[0].length;
      }
      const rest = partial.slice(start);
      pieces = rest === '' ? [] : [rest];
      pending = rest.length;
      return found;
    },
  };
}

/** Whether `text`, after a character `before` (its code, -1 for none), may complete a segment. */
function mayEnd(before: number, text: string): boolean {
  let previous = before;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === 10) return true;
    if ((code === 32 || code === 9) && (previous === 46 || previous === 33 || previous === 63)) return true;
    previous = code;
  }
  return false;
}
