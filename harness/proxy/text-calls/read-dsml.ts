/**
 * DeepSeek V3.2 / V4 DSML markup:
 * `<｜DSML｜function_calls>` (V3.2) or `<｜DSML｜tool_calls>` (V4, ollama#16375), holding
 * `<｜DSML｜invoke name="NAME">` with `<｜DSML｜parameter name="K" string="true|false">V</｜DSML｜parameter>`
 * (vLLM vllm/tool_parsers/deepseekv32_tool_parser.py and deepseekv4_tool_parser.py). A `string="true"`
 * value is text; a `string="false"` value is JSON, else typed by the schema.
 */
import { parseJsonLenient } from './json-scan.ts';
import { type ItemRead, readSection } from './read-section.ts';
import type { FormatReader, ReadCall, ReadInput } from './reader.ts';
import { resolveToolName } from './tool-names.ts';
import { declaredTypes, typedValue } from './typed-value.ts';

export const dsmlOpeners: readonly string[] = ['<｜DSML｜function_calls>', '<｜DSML｜tool_calls>', '<｜DSML｜invoke'];
const sectionClosers = ['</｜DSML｜function_calls>', '</｜DSML｜tool_calls>'];
const invokeClose = '</｜DSML｜invoke>';

/** Reads a DSML section (or a lone `<｜DSML｜invoke>`). */
export const readDsml: FormatReader = (input) => {
  const from = input.opener === '<｜DSML｜invoke' ? input.at : input.at + input.opener.length;
  return readSection(input, from, { itemOpeners: ['<｜DSML｜invoke'], sectionClosers, readItem });
};

function readItem(input: ReadInput, at: number): ItemRead {
  const { text } = input;
  if (!text.startsWith('<｜DSML｜invoke', at)) return { kind: 'none' };
  const headEnd = text.indexOf('>', at);
  if (headEnd === -1) return input.final ? cutOff(input, null, text.slice(at)) : { kind: 'partial' };
  const name = /^<｜DSML｜invoke\s+name="([^"]*)"\s*>$/.exec(text.slice(at, headEnd + 1))?.[1];
  if (name === undefined) return { kind: 'none' };
  const close = text.indexOf(invokeClose, headEnd);
  if (close === -1) return input.final ? cutOff(input, name, text.slice(headEnd + 1)) : { kind: 'partial' };
  return { kind: 'call', call: invokeCall(input, name, text.slice(headEnd + 1, close), close + invokeClose.length) };
}

function cutOff(input: ReadInput, rawName: string | null, rawArguments: string): ItemRead {
  return { kind: 'call', call: { kind: 'incomplete', end: input.text.length, rawName, rawArguments } };
}

const parameterPattern = (): RegExp =>
  /<｜DSML｜parameter\s+name="([^"]+)"(?:\s+string="(true|false)")?\s*>([\s\S]*?)<\/｜DSML｜parameter>/g;

function invokeCall(input: ReadInput, rawName: string, body: string, end: number): ReadCall {
  const tool = resolveToolName(rawName, input.ctx).offeredName;
  const params: Record<string, unknown> = {};
  for (const [, key, isString, raw] of body.matchAll(parameterPattern())) {
    params[key!] = isString === 'true' ? raw! : jsonOrTyped(raw!, declaredTypes(input.ctx, tool, key!));
  }
  if (body.replace(parameterPattern(), '').trim() !== '') {
    return { kind: 'malformed', end, rawName, rawArguments: body, error: 'text outside DSML parameters' };
  }
  return { kind: 'call', end, rawName, input: params, repairs: [] };
}

function jsonOrTyped(raw: string, types: readonly string[]): unknown {
  if (types.length === 1 && types[0] === 'string') return raw;
  const parsed = parseJsonLenient(raw.trim());
  return parsed.ok ? parsed.value : typedValue(raw, types);
}
