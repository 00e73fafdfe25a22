/**
 * DeepSeek's tool-call markers, in two generations:
 * - V3 / R1 (and Cogito): `<｜tool▁call▁begin｜>function<｜tool▁sep｜>NAME\n```json\n{…}\n```<｜tool▁call▁end｜>`
 *   (llama.cpp common/chat.cpp common_chat_parse_deepseek_r1; Ollama model/parsers/cogito.go);
 * - V3.1+: `<｜tool▁call▁begin｜>NAME<｜tool▁sep｜>{…}<｜tool▁call▁end｜>`
 *   (Ollama model/parsers/deepseek3.go; vLLM vllm/tool_parsers/deepseekv31_tool_parser.py);
 * inside `<｜tool▁calls▁begin｜>…<｜tool▁calls▁end｜>`. llama.cpp also accepts the spellings with
 * `_`, spaces or `\_` for `▁`, and `<｜tool▁calls｜>`.
 */
import { argumentsObject } from './call-objects.ts';
import { parseJsonLenient } from './json-scan.ts';
import { type ItemRead, readSection } from './read-section.ts';
import type { FormatReader, ReadCall, ReadInput } from './reader.ts';

const sep = String.raw`(?:▁|_|\\_| )`;
const callBegin = `<｜tool${sep}call${sep}begin｜>`;
const callEnd = `<｜tool${sep}call${sep}end｜>`;
const toolSep = `<｜tool${sep}sep｜>`;
const sectionBegin = `<｜tool${sep}calls(?:${sep}begin)?｜>`;

/** The match of `pattern` at exactly `at` (sticky), or from `at` on (global); a fresh RegExp each time. */
function execFrom(pattern: string, flags: 'y' | 'g', text: string, at: number): RegExpExecArray | null {
  const regex = new RegExp(pattern, flags);
  regex.lastIndex = at;
  return regex.exec(text);
}

/** The section openers and item openers llama.cpp accepts, as literals for finding them in text. */
export const deepseekOpeners: readonly string[] = [
  '<｜tool▁calls▁begin｜>',
  '<｜tool_calls_begin｜>',
  '<｜tool calls begin｜>',
  String.raw`<｜tool\_calls\_begin｜>`,
  '<｜tool▁calls｜>',
  '<｜tool▁call▁begin｜>',
  '<｜tool_call_begin｜>',
];
const itemOpeners = ['<｜tool▁call▁begin｜>', '<｜tool_call_begin｜>'];
const sectionClosers = ['<｜tool▁calls▁end｜>', '<｜tool_calls_end｜>', '<｜tool calls end｜>'];

/** Reads a DeepSeek tool-call section (or a lone call item). */
export const readDeepseek: FormatReader = (input) => {
  const section = execFrom(sectionBegin, 'y', input.text, input.at);
  const from = section === null ? input.at : input.at + section[0].length;
  return readSection(input, from, { itemOpeners, sectionClosers, readItem });
};

function readItem(input: ReadInput, at: number): ItemRead {
  const { text } = input;
  const begin = execFrom(callBegin, 'y', text, at);
  if (begin === null) return { kind: 'none' };
  const bodyStart = at + begin[0].length;
  const end = execFrom(callEnd, 'g', text, bodyStart);
  if (end === null) {
    if (!input.final) return { kind: 'partial' };
    const rawName = itemName(text.slice(bodyStart)).rawName;
    return {
      kind: 'call',
      call: { kind: 'incomplete', end: text.length, rawName, rawArguments: text.slice(bodyStart) },
    };
  }
  return { kind: 'call', call: itemCall(text.slice(bodyStart, end.index), end.index + end[0].length) };
}

function itemName(body: string): { rawName: string | null; args: string; v3: boolean } {
  const parts = body.split(new RegExp(toolSep));
  if (parts.length < 2) return { rawName: null, args: body, v3: false };
  const left = parts[0]!.trim();
  const right = parts.slice(1).join('');
  const v3 = /^([^\n]+)\n```(?:json)?\n([\s\S]*?)\n?```\s*$/.exec(right);
  if (left === 'function' && v3 !== null) return { rawName: v3[1]!.trim(), args: v3[2]!, v3: true };
  return { rawName: left === '' ? null : left, args: right.trim(), v3: false };
}

function itemCall(body: string, end: number): ReadCall {
  const { rawName, args, v3 } = itemName(body);
  const format = v3 ? 'deepseek-v3' : 'deepseek-v31';
  if (rawName === null)
    return { kind: 'malformed', end, rawName, rawArguments: body, error: 'no <｜tool▁sep｜> name', format };
  const parsed = parseJsonLenient(args);
  const object = parsed.ok ? argumentsObject(parsed.value) : { ok: false as const, error: parsed.error };
  if (!object.ok) return { kind: 'malformed', end, rawName, rawArguments: args, error: object.error, format };
  const repairs = parsed.ok && parsed.escapedControls ? (['control_characters_escaped'] as const) : [];
  return { kind: 'call', end, rawName, input: object.input, repairs: [...repairs, ...object.repairs], format };
}
