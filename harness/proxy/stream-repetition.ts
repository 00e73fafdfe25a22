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
  let partial = '';
  const boundary = new RegExp(boundarySource, 'g');

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
    push(text) {
      // Only the new text (and the character before it, for a sentence end or "\r\n" split
      // across pieces) is scanned: the unfinished segment was scanned already.
      boundary.lastIndex = Math.max(0, partial.length - 1);
      partial += text;
      let start = 0;
      let found: Repetition | null = null;
      for (let match = boundary.exec(partial); match !== null; match = boundary.exec(partial)) {
        found ??= add(partial.slice(start, match.index));
        start = match.index + match[0].length;
      }
      partial = partial.slice(start);
      if (partial.length > maxSegmentChars) {
        found ??= add(partial);
        partial = '';
      }
      return found;
    },
  };
}
