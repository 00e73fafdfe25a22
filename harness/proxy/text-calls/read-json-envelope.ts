/**
 * Envelopes whose body is a JSON call object or an array of them: Hermes/Qwen `<tool_call>`,
 * Granite `<|tool_call|>`, Llama `<|python_tag|>` and `<|python_start|>`, Mistral `[TOOL_CALLS][…]`,
 * Cohere `<|START_ACTION|>`. The body's own end decides where the call ends; a closing marker
 * after it is taken when present.
 */
import { callFromShape, callShape, malformedJson, readJsonCalls } from './call-objects.ts';
import { scanPythonLiteral } from './pythonic.ts';
import {
  type FormatReader,
  finishCalls,
  incomplete,
  nameInBrokenJson,
  none,
  type ReadInput,
  type ReadResult,
  single,
  skipSpace,
  waitOr,
} from './reader.ts';
import type { TextCallFormatId } from './types.ts';

export interface JsonEnvelopeOptions {
  format: TextCallFormatId;
  /** Markers that may close the envelope after the JSON (taken with the call when present). */
  closers: readonly string[];
  /** Whether a missing closer is worth recording as a repair. */
  closeRequired: boolean;
  /**
   * What a body that is not a JSON call means: `malformed` for envelopes that only ever hold
   * calls, `none` for those that may hold something else (Llama's python tags hold code).
   */
  otherBody: 'malformed' | 'none';
}

/** Reads the JSON call body that starts after the opener (whitespace allowed before it). */
export function readJsonEnvelopeBody(input: ReadInput, from: number, options: JsonEnvelopeOptions): ReadResult {
  const { text } = input;
  const p = skipSpace(text, from);
  if (p >= text.length) return waitOr(input, () => (options.otherBody === 'none' ? none : incomplete(input, null, '')));
  if (text[p] !== '{' && text[p] !== '[') return otherBody(input, p, options, 'the envelope does not hold JSON');
  const json = readJsonCalls(text, p);
  if (json.kind === 'partial') {
    return waitOr(input, () => incomplete(input, nameInBrokenJson(text.slice(p)), text.slice(p)));
  }
  if (json.kind === 'calls') {
    const calls = json.calls.map((call) => ({ ...call, format: options.format }));
    return finishCalls(input, calls, options.closers, options.closeRequired);
  }
  if (json.kind === 'invalid') {
    const dict = readPythonDict(input, p, options);
    if (dict !== null) return dict;
  }
  return otherBody(input, p, options, json.kind === 'invalid' ? 'the envelope holds invalid JSON' : json.error);
}

// Some models write the call as a Python dict inside the envelope: read it when it is one.
function readPythonDict(input: ReadInput, p: number, options: JsonEnvelopeOptions): ReadResult | null {
  const literal = scanPythonLiteral(input.text, p);
  if (literal.kind === 'partial')
    return waitOr(input, () => incomplete(input, nameInBrokenJson(input.text.slice(p)), input.text.slice(p)));
  if (literal.kind === 'invalid') return null;
  const items = Array.isArray(literal.value) ? literal.value : [literal.value];
  const shapes = items.map(callShape);
  if (items.length === 0 || shapes.some((shape) => shape === null)) return null;
  const calls = shapes.map((shape) => ({
    ...callFromShape(shape!, literal.end, JSON.stringify(shape!.args ?? {}), ['python_literal_read']),
    format: options.format,
  }));
  return finishCalls(input, calls, options.closers, options.closeRequired);
}

/** A body that is not a JSON call: nothing, or a malformed call up to the closing marker. */
function otherBody(input: ReadInput, p: number, options: JsonEnvelopeOptions, error: string): ReadResult {
  if (options.otherBody === 'none') return none;
  const { text } = input;
  const closes = options.closers.map((c) => ({ c, at: text.indexOf(c, p) })).filter((x) => x.at !== -1);
  if (closes.length === 0)
    return waitOr(input, () => incomplete(input, nameInBrokenJson(text.slice(p)), text.slice(p)));
  const first = closes.reduce((a, b) => (b.at < a.at ? b : a));
  const call = malformedJson(text, p, first.at, error);
  return single({ ...call, end: first.at + first.c.length, format: options.format });
}

/** A reader for an envelope whose opener is followed directly by the JSON body. */
export function jsonEnvelope(options: JsonEnvelopeOptions): FormatReader {
  return (input) => readJsonEnvelopeBody(input, input.at + input.opener.length, options);
}
