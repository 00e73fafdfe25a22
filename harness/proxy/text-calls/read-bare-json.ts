/**
 * A call written as a bare JSON object (or array of them) in prose: `{"name": "Write", "arguments": {…}}`
 * (F01–F03, ollama#15529) or Llama's `{"name": …, "parameters": …}` (vllm#11786). Without an envelope
 * it counts only when every name is an offered tool or maps to one, and the object has no key a
 * call object does not have, so JSON shown as an example in prose is left alone.
 */
import { callObjectKeys, readJsonCalls } from './call-objects.ts';
import { parseJsonLenient, scanJson, type TopLevelKey } from './json-scan.ts';
import { readPythonicList } from './read-pythonic.ts';
import {
  type FormatReader,
  incomplete,
  none,
  partial,
  type ReadInput,
  type ReadResult,
  skipSpace,
  waitOr,
} from './reader.ts';
import { resolveToolName } from './tool-names.ts';
import type { TextCallContext } from './types.ts';

/** Reads a bare JSON call at a `{` or `[`. */
export const readBareJson: FormatReader = (input) => {
  const { text, at } = input;
  if (text[at] === '[') {
    const first = skipSpace(text, at + 1);
    if (first >= text.length) return waitOr(input, () => none);
    if (/[A-Za-z_]/.test(text[first]!)) return readPythonicList(input);
    if (text[first] !== '{') return none;
  }
  return readJsonCallAt(input, at, 'bare-json');
};

/** The bare-JSON rule applied to the object or array at `at`, for bare and fenced JSON alike. */
export function readJsonCallAt(input: ReadInput, at: number, format: 'bare-json' | 'fenced-json'): ReadResult {
  const { text, ctx } = input;
  const scan = scanJson(text, at);
  if (scan.kind === 'invalid') return none;
  if (scan.kind === 'partial') {
    if (text[at] === '[') return waitOr(input, () => none);
    const early = earlyVerdict(text, scan.keys, ctx);
    if (early === 'not_a_call') return none;
    if (!input.final) return partial;
    return early === 'offered' ? incomplete(input, offeredNameIn(text, scan.keys), text.slice(at)) : none;
  }
  const json = readJsonCalls(text, at);
  if (json.kind !== 'calls') return none;
  if (json.shapes.some((shape) => !shape.hasArgs || resolveToolName(shape.rawName, ctx).offeredName === null))
    return none;
  if (scan.keys.some((k) => !callObjectKeys.has(k.key))) return none;
  return { kind: 'match', end: json.end, calls: json.calls.map((call) => ({ ...call, format })) };
}

type EarlyVerdict = 'not_a_call' | 'offered' | 'unknown';

// While the object is still open: a key no call object has, or a finished name that is not
// offered, already shows it is not a call.
function earlyVerdict(text: string, keys: readonly TopLevelKey[], ctx: TextCallContext): EarlyVerdict {
  if (keys.some((k) => !callObjectKeys.has(k.key))) return 'not_a_call';
  const name = keys.find((k) => (k.key === 'name' || k.key === 'tool_name') && k.valueEnd !== null);
  if (name === undefined) return 'unknown';
  const value = parseJsonLenient(text.slice(name.valueStart, name.valueEnd!));
  if (!value.ok || typeof value.value !== 'string') return 'not_a_call';
  return resolveToolName(value.value, ctx).offeredName === null ? 'not_a_call' : 'offered';
}

function offeredNameIn(text: string, keys: readonly TopLevelKey[]): string | null {
  const name = keys.find((k) => (k.key === 'name' || k.key === 'tool_name') && k.valueEnd !== null);
  if (name === undefined) return null;
  const value = parseJsonLenient(text.slice(name.valueStart, name.valueEnd!));
  return value.ok && typeof value.value === 'string' ? value.value : null;
}
