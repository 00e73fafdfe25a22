/**
 * Python-style calls, `name(key="value", n=1, flags=[True, None])`, as LFM2, Olmo 3, Llama's
 * builtin-tool syntax and Gemma's `tool_code` write them (vLLM vllm/tool_parsers/pythonic_tool_parser.py
 * reads them with Python's `ast`; this reads the literal subset those parsers accept). Decided on
 * text that may still grow: `partial` when the text ends inside a call.
 */

export interface PythonicCall {
  name: string;
  args: Record<string, unknown>;
  /** Where the call's closing parenthesis ends. */
  end: number;
}

export type PythonicScan =
  | { kind: 'complete'; end: number; calls: PythonicCall[] }
  | { kind: 'partial' }
  | { kind: 'invalid' };

class EndOfText {}
class NotPython {}

interface Cursor {
  text: string;
  i: number;
}

/** `[call, call]` when `list`, else a single call, starting at `at`. */
export function scanPythonicCalls(text: string, at: number, list: boolean): PythonicScan {
  const c: Cursor = { text, i: at };
  try {
    const calls = list ? callList(c) : [call(c)];
    return { kind: 'complete', end: c.i, calls };
  } catch (error) {
    if (error instanceof EndOfText) return { kind: 'partial' };
    if (error instanceof NotPython) return { kind: 'invalid' };
    throw error;
  }
}

/** The Python literal (dict, list, string, number, True/False/None) starting at `at`. */
export function scanPythonLiteral(
  text: string,
  at: number,
): { kind: 'complete'; end: number; value: unknown } | { kind: 'partial' } | { kind: 'invalid' } {
  const c: Cursor = { text, i: at };
  try {
    const parsed = value(c);
    return { kind: 'complete', end: c.i, value: parsed };
  } catch (error) {
    if (error instanceof EndOfText) return { kind: 'partial' };
    if (error instanceof NotPython) return { kind: 'invalid' };
    throw error;
  }
}

function peek(c: Cursor): string {
  if (c.i >= c.text.length) throw new EndOfText();
  return c.text[c.i]!;
}

function space(c: Cursor): void {
  while (c.i < c.text.length && /\s/.test(c.text[c.i]!)) c.i++;
}

function expect(c: Cursor, ch: string): void {
  space(c);
  if (peek(c) !== ch) throw new NotPython();
  c.i++;
}

function callList(c: Cursor): PythonicCall[] {
  expect(c, '[');
  const calls: PythonicCall[] = [];
  for (;;) {
    space(c);
    calls.push(call(c));
    space(c);
    const next = peek(c);
    c.i++;
    if (next === ']') return calls;
    if (next !== ',') throw new NotPython();
  }
}

function call(c: Cursor): PythonicCall {
  space(c);
  const name = identifier(c, true);
  expect(c, '(');
  const args: Record<string, unknown> = {};
  for (;;) {
    space(c);
    if (peek(c) === ')') break;
    const key = identifier(c, false);
    expect(c, '=');
    space(c);
    args[key] = value(c);
    space(c);
    if (peek(c) === ',') c.i++;
    else if (peek(c) !== ')') throw new NotPython();
  }
  c.i++;
  return { name, args, end: c.i };
}

function identifier(c: Cursor, dotted: boolean): string {
  const start = c.i;
  while (c.i < c.text.length && /[\w.]/.test(c.text[c.i]!) && (dotted || c.text[c.i] !== '.')) c.i++;
  if (c.i >= c.text.length) throw new EndOfText();
  const name = c.text.slice(start, c.i);
  if (!/^[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*$/.test(name)) throw new NotPython();
  return name;
}

function value(c: Cursor): unknown {
  const ch = peek(c);
  if (ch === '"' || ch === "'") return pyString(c);
  if (ch === '[' || ch === '(') return sequence(c, ch === '[' ? ']' : ')');
  if (ch === '{') return dict(c);
  const word = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|True|False|None|true|false|null)/.exec(
    c.text.slice(c.i, c.i + 40),
  );
  if (word === null) {
    const rest = c.text.slice(c.i);
    if (rest === '-' || (rest.length < 6 && Object.keys(literalValues).some((w) => w.startsWith(rest)))) {
      throw new EndOfText();
    }
    throw new NotPython();
  }
  c.i += word[0].length;
  if (c.i >= c.text.length) throw new EndOfText();
  return word[0] in literalValues ? literalValues[word[0]] : Number(word[0]);
}

const literalValues: Readonly<Record<string, unknown>> = {
  True: true,
  False: false,
  None: null,
  true: true,
  false: false,
  null: null,
};

function sequence(c: Cursor, close: string): unknown[] {
  c.i++;
  const items: unknown[] = [];
  for (;;) {
    space(c);
    if (peek(c) === close) break;
    items.push(value(c));
    space(c);
    if (peek(c) === ',') c.i++;
    else if (peek(c) !== close) throw new NotPython();
  }
  c.i++;
  return items;
}

function dict(c: Cursor): Record<string, unknown> {
  c.i++;
  const entries: Record<string, unknown> = {};
  for (;;) {
    space(c);
    if (peek(c) === '}') break;
    const key = value(c);
    expect(c, ':');
    space(c);
    entries[String(key)] = value(c);
    space(c);
    if (peek(c) === ',') c.i++;
    else if (peek(c) !== '}') throw new NotPython();
  }
  c.i++;
  return entries;
}

const escapes: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '0': '\0',
  '\\': '\\',
  "'": "'",
  '"': '"',
};

function pyString(c: Cursor): string {
  const mark = peek(c);
  const rest = c.text.slice(c.i, c.i + 3);
  // '' at the end of the text may be an empty string or the start of '''.
  if (rest.length < 3 && rest === mark.repeat(rest.length) && rest.length > 1) throw new EndOfText();
  const quote = rest === mark.repeat(3) ? rest : mark;
  c.i += quote.length;
  let out = '';
  for (;;) {
    if (c.text.startsWith(quote, c.i)) {
      c.i += quote.length;
      return out;
    }
    const ch = peek(c);
    if (ch === '\n' && quote.length === 1) throw new NotPython();
    c.i++;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const escaped = peek(c);
    c.i++;
    out += escapes[escaped] ?? `\\${escaped}`;
  }
}
