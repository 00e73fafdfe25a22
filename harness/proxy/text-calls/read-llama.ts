/**
 * Llama's python tags:
 * - Llama 3.x `<|python_tag|>{"name": …, "parameters": …}` (custom tools) or
 *   `<|python_tag|>brave_search.call(query="…")` (builtin tools), ended by `<|eom_id|>`
 *   (llama.cpp common/chat.cpp common_chat_parse_llama_3_1; vLLM vllm/tool_parsers/llama_tool_parser.py);
 * - Llama 4 `<|python_start|>{…}<|python_end|>` (vllm#16214) or a pythonic list inside the tags
 *   (vllm/tool_parsers/llama4_pythonic_tool_parser.py).
 * Python code after the tag (Llama's code interpreter) is not a call.
 */

import { scanPythonicCalls } from './pythonic.ts';
import { readJsonEnvelopeBody } from './read-json-envelope.ts';
import {
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
import type { TextCallFormatId } from './types.ts';

interface PythonTagSyntax {
  format: TextCallFormatId;
  closers: readonly string[];
  closeRequired: boolean;
}

/** A reader for `<|python_tag|>` or `<|python_start|>`. */
export function pythonTag(syntax: PythonTagSyntax): FormatReader {
  return (input) => {
    const { text } = input;
    const from = input.at + input.opener.length;
    const p = skipSpace(text, from);
    if (p >= text.length) return waitOr(input, () => none);
    const afterBracket = skipSpace(text, p + 1);
    if (text[p] === '{' || (text[p] === '[' && (afterBracket >= text.length || text[afterBracket] === '{'))) {
      if (afterBracket >= text.length && text[p] === '[') return waitOr(input, () => none);
      return readJsonEnvelopeBody(input, from, { ...syntax, otherBody: 'none' });
    }
    return readPythonicBody(input, p, syntax);
  };
}

function readPythonicBody(input: ReadInput, p: number, syntax: PythonTagSyntax): ReadResult {
  const { text } = input;
  const scan = scanPythonicCalls(text, p, text[p] === '[');
  if (scan.kind === 'partial') return waitOr(input, () => incomplete(input, null, text.slice(p)));
  if (scan.kind === 'invalid') return none;
  const calls: ReadCall[] = scan.calls.map((call) => ({
    kind: 'call',
    end: call.end,
    rawName: call.name.replace(/\.call$/, ''),
    input: call.args,
    repairs: [],
    format: syntax.format,
  }));
  if (text[p] === '[') calls[calls.length - 1] = { ...calls.at(-1)!, end: scan.end };
  return finishCalls(input, calls, syntax.closers, syntax.closeRequired);
}
