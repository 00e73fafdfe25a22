/**
 * Qwen3-Coder's XML call body, `<function=NAME><parameter=KEY>VALUE</parameter>…</function>`
 * (Ollama model/parsers/qwen3coder.go; vLLM vllm/tool_parsers/qwen3coder_tool_parser.py), and the
 * functionary form `<function=NAME>{json}</function>` (llama.cpp common/chat.cpp
 * common_chat_parse_hermes_2_pro / functionary_v3_1).
 */
import { argumentsObject } from './call-objects.ts';
import { parseJsonLenient, scanJson } from './json-scan.ts';
import { couldBecome, type ReadCall, type ReadInput, skipSpace } from './reader.ts';
import { resolveToolName } from './tool-names.ts';
import { declaredTypes, typedValue } from './typed-value.ts';
import type { ArgumentRepair } from './types.ts';

export type BodyRead = { kind: 'call'; call: ReadCall } | { kind: 'partial' } | { kind: 'none' };

const functionOpen = '<function=';
const functionClose = '</function>';
const parameterOpen = '<parameter=';
const parameterClose = '</parameter>';

/** The `<function=…>…</function>` starting at `at`; its `end` is after `</function>`. */
export function readFunctionTag(input: ReadInput, at: number): BodyRead {
  const { text } = input;
  const nameEnd = text.indexOf('>', at + functionOpen.length);
  const nameText = text.slice(at + functionOpen.length, nameEnd === -1 ? undefined : nameEnd);
  if (/[\n<]/.test(nameText) || nameText.length > 200) return { kind: 'none' };
  if (nameEnd === -1) return waitOrCut(input, nameText === '' ? null : nameText, '');
  const rawName = nameText;
  if (rawName.trim() === '') return { kind: 'none' };
  const bodyStart = skipSpace(text, nameEnd + 1);
  if (text[bodyStart] === '{') return readJsonBody(input, rawName, bodyStart);
  return readParameters(input, rawName, nameEnd + 1);
}

function readJsonBody(input: ReadInput, rawName: string, at: number): BodyRead {
  const { text } = input;
  const scan = scanJson(text, at);
  if (scan.kind === 'partial') return waitOrCut(input, rawName, text.slice(at));
  if (scan.kind === 'invalid') return { kind: 'none' };
  const close = skipSpace(text, scan.end);
  if (!text.startsWith(functionClose, close)) {
    if (!input.final && couldBecome(text.slice(close), [functionClose])) return { kind: 'partial' };
    return { kind: 'none' };
  }
  const end = close + functionClose.length;
  const rawArguments = text.slice(at, scan.end);
  const parsed = parseJsonLenient(rawArguments);
  const args = parsed.ok ? argumentsObject(parsed.value) : { ok: false as const, error: parsed.error };
  if (!args.ok) return { kind: 'call', call: { kind: 'malformed', end, rawName, rawArguments, error: args.error } };
  const repairs: ArgumentRepair[] = [
    ...(parsed.ok && parsed.escapedControls ? ['control_characters_escaped' as const] : []),
    ...args.repairs,
  ];
  return {
    kind: 'call',
    call: { kind: 'call', end, rawName, input: args.input, repairs, format: 'function-tag-json' },
  };
}

function readParameters(input: ReadInput, rawName: string, from: number): BodyRead {
  const { text } = input;
  const tool = resolveToolName(rawName, input.ctx).offeredName;
  const params: Record<string, unknown> = {};
  const repairs: ArgumentRepair[] = [];
  let i = from;
  for (;;) {
    i = skipSpace(text, i);
    if (text.startsWith(functionClose, i)) {
      return { kind: 'call', call: { kind: 'call', end: i + functionClose.length, rawName, input: params, repairs } };
    }
    if (!text.startsWith(parameterOpen, i)) {
      if (i >= text.length || (!input.final && couldBecome(text.slice(i), [functionClose, parameterOpen]))) {
        return waitOrCut(input, rawName, text.slice(from));
      }
      return { kind: 'none' };
    }
    const keyEnd = text.indexOf('>', i + parameterOpen.length);
    if (keyEnd === -1) return waitOrCut(input, rawName, text.slice(from));
    const key = text.slice(i + parameterOpen.length, keyEnd).trim();
    const value = parameterValue(input, keyEnd + 1);
    if (value.kind === 'wait') return waitOrCut(input, rawName, text.slice(from));
    if (value.kind === 'none') return { kind: 'none' };
    if (value.closeMissing) repairs.push('parameter_close_missing');
    params[key] = typedValue(stripOneNewline(text.slice(keyEnd + 1, value.end)), declaredTypes(input.ctx, tool, key));
    i = value.next;
  }
}

type ValueEnd =
  | { kind: 'found'; end: number; next: number; closeMissing: boolean }
  | { kind: 'wait' }
  | { kind: 'none' };

/**
 * Where a parameter value ends: at the first `</parameter>` that is followed by another
 * parameter or `</function>` (so values may hold tag-like text, ollama#18563), or, once the text
 * is complete, at `</function>` when the model left `</parameter>` out.
 */
function parameterValue(input: ReadInput, from: number): ValueEnd {
  const { text } = input;
  const followers = [parameterOpen, functionClose];
  for (let j = text.indexOf(parameterClose, from); j !== -1; j = text.indexOf(parameterClose, j + 1)) {
    const after = skipSpace(text, j + parameterClose.length);
    if (followers.some((f) => text.startsWith(f, after)))
      return { kind: 'found', end: j, next: after, closeMissing: false };
    if (!input.final && couldBecome(text.slice(after), followers)) return { kind: 'wait' };
  }
  if (!input.final) return { kind: 'wait' };
  const close = text.indexOf(functionClose, from);
  if (close === -1) return { kind: 'wait' };
  const next = text.indexOf(parameterOpen, from);
  const end = next !== -1 && next < close ? next : close;
  return { kind: 'found', end, next: end, closeMissing: true };
}

function stripOneNewline(value: string): string {
  return value.replace(/^\r?\n/, '').replace(/\r?\n$/, '');
}

function waitOrCut(input: ReadInput, rawName: string | null, rawArguments: string): BodyRead {
  if (!input.final) return { kind: 'partial' };
  return { kind: 'call', call: { kind: 'incomplete', end: input.text.length, rawName, rawArguments } };
}

/** Whether `value` looks like a Qwen XML body (used to tell `<tool_call>` bodies apart). */
export function startsFunctionTag(text: string, at: number): boolean {
  return text.startsWith(functionOpen, at);
}
