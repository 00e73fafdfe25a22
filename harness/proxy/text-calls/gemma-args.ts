/**
 * Gemma's call arguments, `{key:<|"|>text<|"|>,n:42,nested:{on:true}}`: bare keys, strings between
 * a delimiter token (`<|"|>` for Gemma 4, `<escape>` for FunctionGemma), other values as JSON
 * (Ollama model/parsers/gemma4.go `gemma4ArgsToJSON`, functiongemma.go).
 */
import { isRecord } from '../../core/json.ts';
import { parseJsonLenient } from './json-scan.ts';

export type GemmaScan = { kind: 'complete'; end: number } | { kind: 'partial' } | { kind: 'invalid' };

/** Where the `{…}` starting at `at` ends, skipping delimited and JSON strings. */
export function scanGemmaObject(text: string, at: number, delimiter: string): GemmaScan {
  let depth = 0;
  let i = at;
  while (i < text.length) {
    if (text.startsWith(delimiter, i)) {
      const close = text.indexOf(delimiter, i + delimiter.length);
      if (close === -1) return { kind: 'partial' };
      i = close + delimiter.length;
      continue;
    }
    const ch = text[i]!;
    if (ch === '"') {
      const close = jsonStringEnd(text, i);
      if (close === -1) return { kind: 'partial' };
      i = close;
      continue;
    }
    if (ch === '{' || ch === '[') depth++;
    if (ch === '}' || ch === ']') depth--;
    i++;
    if (depth === 0) return { kind: 'complete', end: i };
    if (depth < 0) return { kind: 'invalid' };
  }
  return { kind: 'partial' };
}

function jsonStringEnd(text: string, at: number): number {
  for (let i = at + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1;
  }
  return -1;
}

/** The arguments as an object, or why they do not read. */
export function gemmaArgsToObject(
  args: string,
  delimiter: string,
): { ok: true; value: Record<string, unknown> } | { ok: false; error: string } {
  const strings: string[] = [];
  const escaped = escapeRegExp(delimiter);
  const placeholders = args.replace(new RegExp(`${escaped}([\\s\\S]*?)${escaped}`, 'g'), (_, inner: string) => {
    strings.push(inner);
    return `\uE000${strings.length - 1}\uE000`;
  });
  const json = quoteBareKeys(placeholders).replace(/\uE000(\d+)\uE000/g, (_, n: string) =>
    JSON.stringify(strings[Number(n)]),
  );
  const parsed = parseJsonLenient(json);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  return isRecord(parsed.value)
    ? { ok: true, value: parsed.value }
    : { ok: false, error: 'the arguments are not an object' };
}

// `{key:` and `,key:` outside JSON strings become `{"key":`.
function quoteBareKeys(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; ) {
    if (text[i] === '"') {
      const end = jsonStringEnd(text, i);
      const stop = end === -1 ? text.length : end;
      out += text.slice(i, stop);
      i = stop;
      continue;
    }
    const key =
      text[i] === '{' || text[i] === ',' ? /^([{,]\s*)([\p{L}\p{N}_]+)(\s*:)/u.exec(text.slice(i, i + 200)) : null;
    if (key !== null) {
      out += `${key[1]}"${key[2]}"${key[3]}`;
      i += key[0].length;
      continue;
    }
    out += text[i];
    i++;
  }
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
