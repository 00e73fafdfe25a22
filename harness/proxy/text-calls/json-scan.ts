/**
 * Where a JSON object or array that starts at a given index ends, decided on text that may still
 * be growing: `complete` (with its end), `partial` (the text ends inside it) or `invalid` (no
 * continuation can make it JSON). Strings may hold raw control characters, as models write them;
 * `parseJsonLenient` reads those.
 */

/** A key of the outermost object, in order of appearance, with where its value starts and ends. */
export interface TopLevelKey {
  key: string;
  valueStart: number;
  /** Null while the value is still open. */
  valueEnd: number | null;
}

export type JsonScan =
  /** `elementEnds`: where each element of an outermost array ends (empty for an object). */
  | { kind: 'complete'; end: number; keys: TopLevelKey[]; elementEnds: number[] }
  | { kind: 'partial'; keys: TopLevelKey[] }
  | { kind: 'invalid' };

interface Cursor {
  text: string;
  i: number;
  keys: TopLevelKey[];
  elementEnds: number[];
}

class EndOfText {}
class NotJson {}

/** Scans the JSON object or array starting at `at` (the `{` or `[`). */
export function scanJson(text: string, at: number): JsonScan {
  const cursor: Cursor = { text, i: at, keys: [], elementEnds: [] };
  try {
    value(cursor, 0);
    return { kind: 'complete', end: cursor.i, keys: cursor.keys, elementEnds: cursor.elementEnds };
  } catch (error) {
    if (error instanceof EndOfText) return { kind: 'partial', keys: cursor.keys };
    if (error instanceof NotJson) return { kind: 'invalid' };
    throw error;
  }
}

function peek(c: Cursor): string {
  if (c.i >= c.text.length) throw new EndOfText();
  return c.text[c.i]!;
}

function skipSpace(c: Cursor): void {
  while (c.i < c.text.length && ' \t\r\n'.includes(c.text[c.i]!)) c.i++;
}

function value(c: Cursor, depth: number): void {
  skipSpace(c);
  const ch = peek(c);
  if (ch === '{') object(c, depth);
  else if (ch === '[') array(c, depth);
  else if (ch === '"') string(c);
  else if (ch === '-' || (ch >= '0' && ch <= '9')) number(c);
  else literal(c, ['true', 'false', 'null'].find((word) => word[0] === ch) ?? '');
}

function object(c: Cursor, depth: number): void {
  c.i++;
  skipSpace(c);
  if (peek(c) === '}') {
    c.i++;
    return;
  }
  for (;;) {
    skipSpace(c);
    if (peek(c) !== '"') throw new NotJson();
    const keyStart = c.i;
    string(c);
    const key = c.text.slice(keyStart, c.i);
    skipSpace(c);
    if (peek(c) !== ':') throw new NotJson();
    c.i++;
    skipSpace(c);
    const entry: TopLevelKey = { key: decodeKey(key), valueStart: c.i, valueEnd: null };
    if (depth === 0) c.keys.push(entry);
    value(c, depth + 1);
    entry.valueEnd = c.i;
    skipSpace(c);
    const next = peek(c);
    c.i++;
    if (next === '}') return;
    if (next !== ',') throw new NotJson();
  }
}

function array(c: Cursor, depth: number): void {
  c.i++;
  skipSpace(c);
  if (peek(c) === ']') {
    c.i++;
    return;
  }
  for (;;) {
    value(c, depth + 1);
    if (depth === 0) c.elementEnds.push(c.i);
    skipSpace(c);
    const next = peek(c);
    c.i++;
    if (next === ']') return;
    if (next !== ',') throw new NotJson();
  }
}

function string(c: Cursor): void {
  c.i++;
  for (;;) {
    const ch = peek(c);
    c.i++;
    if (ch === '"') return;
    if (ch !== '\\') continue;
    const escaped = peek(c);
    c.i++;
    if (escaped === 'u') {
      for (let k = 0; k < 4; k++) {
        if (!/[0-9a-fA-F]/.test(peek(c))) throw new NotJson();
        c.i++;
      }
    } else if (!'"\\/bfnrt'.includes(escaped)) {
      throw new NotJson();
    }
  }
}

function number(c: Cursor): void {
  const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(c.text.slice(c.i, c.i + 64));
  if (match === null || match[0] === '' || match[0] === '-') {
    if (c.i + 1 >= c.text.length) throw new EndOfText();
    throw new NotJson();
  }
  c.i += match[0].length;
  // A number that reaches the end of the text may still grow ("12" → "123", "1." → "1.5").
  if (/^(?:\.|[eE][+-]?)?$/.test(c.text.slice(c.i))) throw new EndOfText();
}

function literal(c: Cursor, word: string): void {
  if (word === '') throw new NotJson();
  for (const expected of word) {
    if (peek(c) !== expected) throw new NotJson();
    c.i++;
  }
}

function decodeKey(quoted: string): string {
  const parsed = parseJsonLenient(quoted);
  return parsed.ok && typeof parsed.value === 'string' ? parsed.value : quoted.slice(1, -1);
}

/** `JSON.parse`, retried with raw control characters inside strings escaped (a common model slip). */
export function parseJsonLenient(
  text: string,
): { ok: true; value: unknown; escapedControls: boolean } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text), escapedControls: false };
  } catch (error) {
    const escaped = escapeControlsInStrings(text);
    if (escaped !== text) {
      try {
        return { ok: true, value: JSON.parse(escaped), escapedControls: true };
      } catch {
        // fall through to the original error
      }
    }
    return { ok: false, error: (error as Error).message };
  }
}

const controlEscapes: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeControlsInStrings(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inString && ch === '\\') {
      out += ch + (text[i + 1] ?? '');
      i++;
      continue;
    }
    if (ch === '"') inString = !inString;
    if (inString && ch < ' ') {
      out += controlEscapes[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
      continue;
    }
    out += ch;
  }
  return out;
}
