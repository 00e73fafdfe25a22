/** Quoting model output as evidence: whitespace flattened, long text cut with an ellipsis. */

/** The default length of an evidence quote, in characters. */
export const QUOTE_CHARS = 200;

/** `text` on one line (runs of whitespace become one space), at most `max` characters. */
export function quote(text: string, max: number = QUOTE_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
