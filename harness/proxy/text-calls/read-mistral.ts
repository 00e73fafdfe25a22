/**
 * Mistral's `[TOOL_CALLS]`, in two generations:
 * - tokenizer v11+ (Devstral, Magistral, Ministral): `[TOOL_CALLS]NAME[ARGS]{…}`, optionally with
 *   `[CALL_ID]id` before `[ARGS]` (Ollama model/parsers/ministral.go; vLLM
 *   vllm/tool_parsers/mistral_tool_parser.py);
 * - older (Mistral Nemo, Small 3): `[TOOL_CALLS][{"name": …, "arguments": …}]` (llama.cpp
 *   common/chat.cpp common_chat_parse_mistral_nemo).
 */
import { argumentsObject } from './call-objects.ts';
import { parseJsonLenient, scanJson } from './json-scan.ts';
import { readJsonEnvelopeBody } from './read-json-envelope.ts';
import {
  couldBecome,
  type FormatReader,
  incomplete,
  none,
  type ReadInput,
  type ReadResult,
  single,
  waitOr,
} from './reader.ts';

const argsTag = '[ARGS]';
const markers = [argsTag, '[CALL_ID]'];

/** Reads one `[TOOL_CALLS]` call (or list of calls). */
export const readMistral: FormatReader = (input) => {
  const { text } = input;
  const from = input.at + input.opener.length;
  if (text[from] === '[' || text[from] === '{' || /^\s/.test(text[from] ?? '')) {
    return readJsonEnvelopeBody(input, from, {
      format: 'mistral-json-list',
      closers: [],
      closeRequired: false,
      otherBody: 'malformed',
    });
  }
  if (from >= text.length) return waitOr(input, () => incomplete(input, null, ''));
  return readNamedArgs(input, from);
};

function readNamedArgs(input: ReadInput, from: number): ReadResult {
  const { text } = input;
  const argsAt = text.indexOf(argsTag, from);
  const head = text.slice(from, argsAt === -1 ? undefined : argsAt);
  const named = /^([\w.:-]+)(?:\[CALL_ID\][\w-]*)?$/.exec(head);
  if (argsAt === -1) {
    const growing = /^([\w.:-]+)(?:\[CALL_ID\][\w-]*)?(\[[A-Z_]*)?$/.exec(head);
    const couldContinue =
      growing !== null && head.length <= 200 && (growing[2] === undefined || couldBecome(growing[2], markers));
    return couldContinue ? waitOr(input, () => incomplete(input, growing[1]!, '')) : none;
  }
  if (named === null) return none;
  const rawName = named[1]!;
  const p = argsAt + argsTag.length;
  if (p >= text.length) return waitOr(input, () => incomplete(input, rawName, ''));
  if (text[p] !== '{')
    return single({ kind: 'malformed', end: p, rawName, rawArguments: '', error: 'no JSON after [ARGS]' });
  const scan = scanJson(text, p);
  if (scan.kind === 'partial') return waitOr(input, () => incomplete(input, rawName, text.slice(p)));
  if (scan.kind === 'invalid')
    return single({ kind: 'malformed', end: p, rawName, rawArguments: '', error: 'the [ARGS] are not JSON' });
  const rawArguments = text.slice(p, scan.end);
  const parsed = parseJsonLenient(rawArguments);
  const args = parsed.ok ? argumentsObject(parsed.value) : { ok: false as const, error: parsed.error };
  if (!args.ok) return single({ kind: 'malformed', end: scan.end, rawName, rawArguments, error: args.error });
  const repairs = parsed.ok && parsed.escapedControls ? (['control_characters_escaped'] as const) : [];
  return single({ kind: 'call', end: scan.end, rawName, input: args.input, repairs: [...repairs, ...args.repairs] });
}
