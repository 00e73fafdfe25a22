/**
 * `<tool_call>…</tool_call>`, which several families fill differently:
 * - Hermes/Qwen 2.5–3/Granite 4/Nemotron: a JSON call object (Ollama model/parsers/qwen3.go,
 *   vLLM vllm/tool_parsers/hermes_tool_parser.py), Granite 3.1 a JSON array of them
 *   (vllm/tool_parsers/granite_tool_parser.py);
 * - Qwen3-Coder, Qwen3.5, Nemotron 3 Nano: `<function=NAME><parameter=…>` XML
 *   (model/parsers/qwen3coder.go, qwen35.go, nemotron3nano.go);
 * - GLM 4.5+ and Laguna: `NAME\n<arg_key>k</arg_key>\n<arg_value>v</arg_value>…` or `NAME\n{json}`
 *   (model/parsers/glm46.go, laguna.go; vllm/tool_parsers/glm4_moe_tool_parser.py).
 */
import { argumentsObject } from './call-objects.ts';
import { parseJsonLenient } from './json-scan.ts';
import { readJsonEnvelopeBody } from './read-json-envelope.ts';
import { readFunctionTag, startsFunctionTag } from './read-qwen-xml.ts';
import {
  couldBecome,
  type FormatReader,
  finishCalls,
  incomplete,
  partial,
  type ReadCall,
  type ReadInput,
  type ReadResult,
  single,
  skipSpace,
  waitOr,
} from './reader.ts';
import { resolveToolName } from './tool-names.ts';
import { declaredTypes, typedValue } from './typed-value.ts';

const close = '</tool_call>';

/** Reads a `<tool_call>` envelope, whichever family's body it holds. */
export const readToolCallTag: FormatReader = (input) => {
  const { text } = input;
  const from = input.at + input.opener.length;
  const p = skipSpace(text, from);
  if (text[p] === '{' || text[p] === '[') {
    const format = text[p] === '[' ? 'granite-json-list' : 'hermes-json';
    return readJsonEnvelopeBody(input, from, { format, closers: [close], closeRequired: true, otherBody: 'malformed' });
  }
  if (startsFunctionTag(text, p)) {
    const body = readFunctionTag(input, p);
    if (body.kind === 'partial') return partial;
    if (body.kind === 'call') return finishCalls(input, [{ format: 'qwen3-coder-xml', ...body.call }], [close], true);
  }
  if (!input.final && couldBecome(text.slice(p), ['<function='])) return partial;
  return readGlmBody(input, from);
};

/** The GLM body between the opener and `</tool_call>`: a name, then key/value pairs or a JSON object. */
function readGlmBody(input: ReadInput, from: number): ReadResult {
  const { text } = input;
  const end = text.indexOf(close, from);
  if (end === -1) return waitOr(input, () => incomplete(input, glmName(text.slice(from)), text.slice(from)));
  const body = text.slice(from, end);
  const call = glmCall(input, body, end + close.length);
  return single({ ...call, format: 'glm-xml' });
}

// The name is the body's first line, up to `<arg_key>` or the `{` of JSON arguments; a first
// line of prose ("I will call the tool") names nothing.
function glmName(body: string): string | null {
  const name = /^\s*([^\s<{]+)[ \t]*(?:\n|<arg_key>|\{|$)/.exec(body)?.[1];
  return name !== undefined && /^[\w.:/-]+$/.test(name) ? name : null;
}

function glmCall(input: ReadInput, body: string, end: number): ReadCall {
  const rawName = glmName(body);
  const rest = rawName === null ? body : body.slice(body.indexOf(rawName) + rawName.length);
  const malformed = (error: string): ReadCall => ({ kind: 'malformed', end, rawName, rawArguments: rest, error });
  if (rawName === null) return malformed('the <tool_call> body names no tool');
  const trimmed = rest.trim();
  if (trimmed === '') return { kind: 'call', end, rawName, input: {}, repairs: [] };
  if (trimmed.startsWith('{')) {
    const parsed = parseJsonLenient(trimmed);
    const args = parsed.ok ? argumentsObject(parsed.value) : { ok: false as const, error: parsed.error };
    return args.ok ? { kind: 'call', end, rawName, input: args.input, repairs: args.repairs } : malformed(args.error);
  }
  const pairs = /<arg_key>([\s\S]*?)<\/arg_key>\s*<arg_value>([\s\S]*?)<\/arg_value>/g;
  const tool = resolveToolName(rawName, input.ctx).offeredName;
  const params: Record<string, unknown> = {};
  for (const match of trimmed.matchAll(pairs)) {
    const key = match[1]!.trim();
    params[key] = typedValue(match[2]!, declaredTypes(input.ctx, tool, key));
  }
  if (trimmed.replace(pairs, '').trim() !== '') return malformed('text outside <arg_key>/<arg_value> pairs');
  return { kind: 'call', end, rawName, input: params, repairs: [] };
}
