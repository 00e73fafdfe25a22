/**
 * Reading calls out of JSON the model wrote: the object shapes model families use for one call,
 * and their arguments (an object, or a JSON string holding one).
 */
import { isRecord } from '../../core/json.ts';
import { parseJsonLenient, scanJson } from './json-scan.ts';
import { nameInBrokenJson, type ReadCall } from './reader.ts';
import type { ArgumentRepair } from './types.ts';

/** Keys a call object may have; a bare JSON object with any other top-level key is not a call. */
export const callObjectKeys: ReadonlySet<string> = new Set([
  'name',
  'arguments',
  'parameters',
  'input',
  'args',
  'type',
  'function',
  'tool_name',
  'tool_call_id',
  'id',
  'call_id',
]);

interface CallShape {
  rawName: string;
  args: unknown;
  hasArgs: boolean;
}

/**
 * The call one JSON object describes: `{"name", "arguments"}` (Hermes, Qwen, Granite),
 * `{"name", "parameters"}` (Llama 3.x), `{"type": "function", "function": {…}}` (OpenAI shape,
 * vllm#11786), `{"tool_name", "parameters"}` (Cohere), `{"name", "input"}` (Anthropic shape).
 */
export function callShape(value: unknown): CallShape | null {
  if (!isRecord(value)) return null;
  const inner = isRecord(value.function) ? value.function : null;
  const source = inner ?? value;
  const name = [source.name, value.tool_name, typeof value.function === 'string' ? value.function : undefined].find(
    (candidate): candidate is string => typeof candidate === 'string' && candidate.trim() !== '',
  );
  if (name === undefined) return null;
  for (const key of ['arguments', 'parameters', 'input', 'args']) {
    if (key in source) return { rawName: name, args: source[key], hasArgs: true };
  }
  return { rawName: name, args: {}, hasArgs: false };
}

/** The arguments as an object: a JSON string holding an object is decoded (F25's double encoding). */
export function argumentsObject(
  args: unknown,
): { ok: true; input: Record<string, unknown>; repairs: ArgumentRepair[] } | { ok: false; error: string } {
  if (isRecord(args)) return { ok: true, input: args, repairs: [] };
  if (typeof args === 'string') {
    if (args.trim() === '') return { ok: true, input: {}, repairs: ['string_arguments_decoded'] };
    const parsed = parseJsonLenient(args);
    if (parsed.ok && isRecord(parsed.value)) {
      const repairs: ArgumentRepair[] = ['string_arguments_decoded'];
      if (parsed.escapedControls) repairs.push('control_characters_escaped');
      return { ok: true, input: parsed.value, repairs };
    }
    return { ok: false, error: 'the arguments are a string that does not hold a JSON object' };
  }
  if (args === null || args === undefined) return { ok: true, input: {}, repairs: [] };
  return { ok: false, error: `the arguments are ${Array.isArray(args) ? 'an array' : typeof args}, not an object` };
}

/** One read call from a call shape whose text ends at `end`. */
export function callFromShape(
  shape: CallShape,
  end: number,
  rawArguments: string,
  repairs: ArgumentRepair[],
): ReadCall {
  const args = argumentsObject(shape.args);
  if (!args.ok) return { kind: 'malformed', end, rawName: shape.rawName, rawArguments, error: args.error };
  return { kind: 'call', end, rawName: shape.rawName, input: args.input, repairs: [...repairs, ...args.repairs] };
}

export type JsonCallsRead =
  | { kind: 'calls'; end: number; calls: ReadCall[]; shapes: CallShape[] }
  | { kind: 'partial' }
  | { kind: 'invalid' }
  | { kind: 'not_calls'; end: number; error: string };

/**
 * The call object, or array of call objects, starting at `at` (a `{` or `[`). Each call's share
 * ends after its array element; the last one at the array's end.
 */
export function readJsonCalls(text: string, at: number): JsonCallsRead {
  const scan = scanJson(text, at);
  if (scan.kind !== 'complete') return scan;
  const raw = text.slice(at, scan.end);
  const parsed = parseJsonLenient(raw);
  if (!parsed.ok) return { kind: 'not_calls', end: scan.end, error: parsed.error };
  const repairs: ArgumentRepair[] = parsed.escapedControls ? ['control_characters_escaped'] : [];
  const items = Array.isArray(parsed.value) ? parsed.value : [parsed.value];
  const shapes = items.map(callShape);
  if (items.length === 0 || shapes.some((shape) => shape === null)) {
    return { kind: 'not_calls', end: scan.end, error: 'the JSON does not name a tool' };
  }
  const ends = Array.isArray(parsed.value)
    ? scan.elementEnds.map((e, i) => (i === items.length - 1 ? scan.end : e))
    : [scan.end];
  const calls = shapes.map((shape, i) => callFromShape(shape!, ends[i]!, JSON.stringify(shape!.args ?? {}), repairs));
  return { kind: 'calls', end: scan.end, calls, shapes: shapes.map((s) => s!) };
}

/** A malformed call for JSON that did not read: the name if one shows, and the text as written. */
export function malformedJson(text: string, at: number, end: number, error: string): ReadCall {
  const rawArguments = text.slice(at, end);
  return { kind: 'malformed', end, rawName: nameInBrokenJson(rawArguments), rawArguments, error };
}
