/**
 * Envelopes holding Python-style calls:
 * - LFM2 `<|tool_call_start|>[name(a=1), other(b="x")]<|tool_call_end|>` (Ollama model/parsers/lfm2.go;
 *   vLLM vllm/tool_parsers/lfm2_tool_parser.py);
 * - Olmo 3 `<function_calls>name(a=1)\nother(b=2)</function_calls>` (model/parsers/olmo3.go);
 * - Gemma's fenced ```` ```tool_code ```` block, `print(default_api.name(a=1))` or `name(a=1)`;
 * - a bare Python-style list `[name(a=1)]` (Gemma 3's prompted format,
 *   ai.google.dev/gemma/docs/capabilities/function-calling; Llama 3.2/4 pythonic,
 *   vllm/tool_parsers/pythonic_tool_parser.py), counted only when every name is offered.
 */
import { type PythonicCall, scanPythonicCalls } from './pythonic.ts';
import {
  couldBecome,
  type FormatReader,
  finishCalls,
  incomplete,
  none,
  type ReadCall,
  type ReadInput,
  type ReadResult,
  skipSpace,
  waitOr,
} from './reader.ts';
import { resolveToolName } from './tool-names.ts';
import type { TextCallFormatId } from './types.ts';

function toReadCalls(calls: readonly PythonicCall[], format: TextCallFormatId, end?: number): ReadCall[] {
  return calls.map((call) => ({
    kind: 'call',
    end: end ?? call.end,
    rawName: call.name,
    input: call.args,
    repairs: [],
    format,
  }));
}

/** LFM2's bracketed list of calls. */
export const readLfm2: FormatReader = (input) => {
  const { text } = input;
  const p = skipSpace(text, input.at + input.opener.length);
  if (p >= text.length) return waitOr(input, () => incomplete(input, null, ''));
  const scan = scanPythonicCalls(text, p, true);
  if (scan.kind === 'partial') return waitOr(input, () => incomplete(input, null, text.slice(p)));
  if (scan.kind === 'invalid') return none;
  const calls = toReadCalls(scan.calls, 'lfm2-pythonic');
  calls[calls.length - 1] = { ...calls.at(-1)!, end: scan.end };
  return finishCalls(input, calls, ['<|tool_call_end|>'], true);
};

const olmoClose = '</function_calls>';

/** Olmo 3's calls, one per line, up to `</function_calls>`. */
export const readOlmo3: FormatReader = (input) => {
  const { text } = input;
  const calls: ReadCall[] = [];
  let i = input.at + input.opener.length;
  for (;;) {
    const p = skipSpace(text, i);
    if (text.startsWith(olmoClose, p) && calls.length > 0) {
      const end = p + olmoClose.length;
      return { kind: 'match', end, calls: [...calls.slice(0, -1), { ...calls.at(-1)!, end }] };
    }
    if (p >= text.length || (!input.final && couldBecome(text.slice(p), [olmoClose]))) {
      return waitOr(input, () => incomplete(input, null, text.slice(input.at + input.opener.length)));
    }
    const scan = scanPythonicCalls(text, p, false);
    if (scan.kind === 'partial') return waitOr(input, () => incomplete(input, null, text.slice(p)));
    if (scan.kind === 'invalid') return none;
    calls.push(...toReadCalls(scan.calls, 'olmo3-pythonic'));
    i = scan.end;
  }
};

const fenceClose = '```';

/**
 * Gemma's ```` ```tool_code ```` fence: one call per line, each maybe wrapped in `print(…)` and
 * namespaced `default_api.` (google-ai-edge/LiteRT-LM runtime/conversation/model_data_processor/
 * gemma3_data_processor_test.cc). Code that is not a keyword-argument call (`import numpy`) is not one.
 */
export const readToolCodeFence: FormatReader = (input) => {
  const { text } = input;
  const calls: ReadCall[] = [];
  const bodyStart = input.at + input.opener.length;
  const cut = (): ReadResult =>
    calls.length === 0 ? none : incomplete(input, null, text.slice(bodyStart), 'gemma-tool-code');
  let i = bodyStart;
  for (;;) {
    const p = skipSpace(text, i);
    if (calls.length > 0 && text.startsWith(fenceClose, p)) {
      const end = p + fenceClose.length;
      return { kind: 'match', end, calls: [...calls.slice(0, -1), { ...calls.at(-1)!, end }] };
    }
    if (p >= text.length || (!input.final && couldBecome(text.slice(p), [fenceClose, 'print(']))) {
      return waitOr(input, cut);
    }
    const line = toolCodeLine(input, p);
    if (line.kind === 'partial') return waitOr(input, cut);
    if (line.kind === 'none') return none;
    calls.push({ ...line.call, end: line.end });
    i = line.end;
  }
};

type ToolCodeLine = { kind: 'call'; call: ReadCall; end: number } | { kind: 'partial' } | { kind: 'none' };

function toolCodeLine(input: ReadInput, p: number): ToolCodeLine {
  const { text } = input;
  const printed = text.startsWith('print(', p);
  const scan = scanPythonicCalls(text, printed ? p + 'print('.length : p, false);
  if (scan.kind !== 'complete') return scan.kind === 'partial' ? scan : { kind: 'none' };
  let end = scan.end;
  if (printed) {
    const close = skipSpace(text, end);
    if (close >= text.length) return { kind: 'partial' };
    if (text[close] !== ')') return { kind: 'none' };
    end = close + 1;
  }
  return { kind: 'call', call: toReadCalls(scan.calls, 'gemma-tool-code')[0]!, end };
}

/** A bare `[name(k=v), …]` list; every name must be an offered tool (or map to one). */
export const readPythonicList = (input: ReadInput): ReadResult => {
  const { text, at, ctx } = input;
  const scan = scanPythonicCalls(text, at, true);
  if (scan.kind === 'invalid') return none;
  if (scan.kind === 'partial') {
    const name = /^\[\s*([A-Za-z_][\w.]*)\s*\(/.exec(text.slice(at, at + 300))?.[1];
    if (name !== undefined && resolveToolName(name, ctx).offeredName === null) return none;
    return waitOr(input, () => (name === undefined ? none : incomplete(input, name, text.slice(at), 'pythonic-list')));
  }
  if (scan.calls.some((call) => resolveToolName(call.name, ctx).offeredName === null)) return none;
  const calls = toReadCalls(scan.calls, 'pythonic-list');
  calls[calls.length - 1] = { ...calls.at(-1)!, end: scan.end };
  return { kind: 'match', end: scan.end, calls };
};
