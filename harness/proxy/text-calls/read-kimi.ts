/**
 * Kimi K2: `<|tool_calls_section_begin|><|tool_call_begin|>functions.NAME:IDX<|tool_call_argument_begin|>{…}<|tool_call_end|><|tool_calls_section_end|>`
 * (llama.cpp common/chat-parsers/kimi-k2.cpp; vLLM vllm/tool_parsers/kimi_k2_tool_parser.py). The
 * singular `<|tool_call_section_begin|>` also occurs, and ollama#16375 shows items without the
 * section opener.
 */
import { argumentsObject } from './call-objects.ts';
import { parseJsonLenient, scanJson } from './json-scan.ts';
import { type ItemRead, readSection } from './read-section.ts';
import { closeAfter, couldBecome, type FormatReader, type ReadCall, type ReadInput, skipSpace } from './reader.ts';

const itemOpen = '<|tool_call_begin|>';
const argumentOpen = '<|tool_call_argument_begin|>';
const itemClose = '<|tool_call_end|>';
export const kimiOpeners: readonly string[] = ['<|tool_calls_section_begin|>', '<|tool_call_section_begin|>', itemOpen];
const sectionClosers = ['<|tool_calls_section_end|>', '<|tool_call_section_end|>'];

/** Reads a Kimi K2 tool-call section (or lone items). */
export const readKimi: FormatReader = (input) => {
  const from = input.opener === itemOpen ? input.at : input.at + input.opener.length;
  return readSection(input, from, { itemOpeners: [itemOpen], sectionClosers, readItem });
};

function readItem(input: ReadInput, at: number): ItemRead {
  const { text } = input;
  if (!text.startsWith(itemOpen, at)) return { kind: 'none' };
  const idStart = at + itemOpen.length;
  const argsAt = text.indexOf(argumentOpen, idStart);
  if (argsAt === -1) {
    const id = text.slice(idStart);
    const marker = id.indexOf('<');
    const cutMarker = marker !== -1 && couldBecome(id.slice(marker), [argumentOpen]);
    if ((marker !== -1 && !cutMarker) || id.includes('{') || id.length > 200) return { kind: 'none' };
    return input.final
      ? cutOff(input, id.slice(0, marker === -1 ? undefined : marker).trim() || null, '')
      : { kind: 'partial' };
  }
  const rawName = text.slice(idStart, argsAt).trim();
  const p = skipSpace(text, argsAt + argumentOpen.length);
  if (p >= text.length) return input.final ? cutOff(input, rawName, '') : { kind: 'partial' };
  const scan = text[p] === '{' ? scanJson(text, p) : ({ kind: 'invalid' } as const);
  if (scan.kind === 'partial') return input.final ? cutOff(input, rawName, text.slice(p)) : { kind: 'partial' };
  if (scan.kind === 'invalid') return untilItemClose(input, rawName, p);
  const close = closeAfter(input, scan.end, [itemClose]);
  if (close.kind === 'wait') return { kind: 'partial' };
  return { kind: 'call', call: argumentsCall(rawName, text.slice(p, scan.end), close.end) };
}

function argumentsCall(rawName: string, rawArguments: string, end: number): ReadCall {
  const parsed = parseJsonLenient(rawArguments);
  const args = parsed.ok ? argumentsObject(parsed.value) : { ok: false as const, error: parsed.error };
  if (!args.ok) return { kind: 'malformed', end, rawName, rawArguments, error: args.error };
  const repairs = parsed.ok && parsed.escapedControls ? (['control_characters_escaped'] as const) : [];
  return { kind: 'call', end, rawName, input: args.input, repairs: [...repairs, ...args.repairs] };
}

// Arguments that are not JSON (ollama#16375 shows `{…}`): malformed, up to the item's close.
function untilItemClose(input: ReadInput, rawName: string, p: number): ItemRead {
  const close = input.text.indexOf(itemClose, p);
  if (close === -1) return input.final ? cutOff(input, rawName, input.text.slice(p)) : { kind: 'partial' };
  const rawArguments = input.text.slice(p, close);
  const end = close + itemClose.length;
  return { kind: 'call', call: { kind: 'malformed', end, rawName, rawArguments, error: 'the arguments are not JSON' } };
}

function cutOff(input: ReadInput, rawName: string | null, rawArguments: string): ItemRead {
  return { kind: 'call', call: { kind: 'incomplete', end: input.text.length, rawName, rawArguments } };
}
