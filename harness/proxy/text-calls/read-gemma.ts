/**
 * Gemma's native calls: Gemma 4 `<|tool_call>call:NAME{key:<|"|>v<|"|>}<tool_call|>`
 * (Ollama model/parsers/gemma4.go; vLLM vllm/tool_parsers/gemma4_tool_parser.py) and FunctionGemma
 * `<start_function_call>call:NAME{key:<escape>v<escape>}<end_function_call>`
 * (model/parsers/functiongemma.go). Ollama also takes a Gemma 4 call whose closer never came.
 */
import { gemmaArgsToObject, scanGemmaObject } from './gemma-args.ts';
import { couldBecome, type FormatReader, finishCalls, incomplete, none, type ReadCall, waitOr } from './reader.ts';
import type { TextCallFormatId } from './types.ts';

interface GemmaSyntax {
  format: TextCallFormatId;
  closer: string;
  delimiter: string;
}

/** A reader for one Gemma call syntax. */
export function gemmaCall(syntax: GemmaSyntax): FormatReader {
  return (input) => {
    const { text } = input;
    const from = input.at + input.opener.length;
    const head = text.slice(from, from + 'call:'.length);
    if (head !== 'call:') return !input.final && couldBecome(head, ['call:']) ? waitOr(input, () => none) : none;
    const brace = text.indexOf('{', from);
    const nameEnd = brace === -1 ? text.length : brace;
    const rawName = text.slice(from + 'call:'.length, nameEnd).trim();
    if (!/^[\w.:-]*$/.test(rawName) || rawName.length > 200) return none;
    if (brace === -1) return waitOr(input, () => incomplete(input, rawName || null, ''));
    if (rawName === '') return none;
    const scan = scanGemmaObject(text, brace, syntax.delimiter);
    if (scan.kind === 'partial') return waitOr(input, () => incomplete(input, rawName, text.slice(brace)));
    if (scan.kind === 'invalid') return none;
    const rawArguments = text.slice(brace, scan.end);
    const args = gemmaArgsToObject(rawArguments, syntax.delimiter);
    const call: ReadCall = args.ok
      ? { kind: 'call', end: scan.end, rawName, input: args.value, repairs: [], format: syntax.format }
      : { kind: 'malformed', end: scan.end, rawName, rawArguments, error: args.error, format: syntax.format };
    return finishCalls(input, [call], [syntax.closer], true);
  };
}
