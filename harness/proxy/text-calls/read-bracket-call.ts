/**
 * `[Tool call: NAME({…})]`: how some gateways flatten earlier tool_use blocks into text, which the
 * model then copies (F34, github-copilot-api-vscode#79; omlx#159).
 */
import { argumentsObject } from './call-objects.ts';
import { parseJsonLenient, scanJson } from './json-scan.ts';
import { closeAfter, type FormatReader, incomplete, none, partial, single, skipSpace, waitOr } from './reader.ts';

/** Reads `[Tool call: NAME(JSON)]`. */
export const readBracketCall: FormatReader = (input) => {
  const { text } = input;
  const from = input.at + input.opener.length;
  const paren = text.indexOf('(', from);
  const rawName = text.slice(from, paren === -1 ? undefined : paren).trim();
  if (!/^[\w.:-]*$/.test(rawName) || rawName.length > 200) return none;
  if (paren === -1) return waitOr(input, () => none);
  if (rawName === '') return none;
  const p = skipSpace(text, paren + 1);
  if (p >= text.length) return waitOr(input, () => incomplete(input, rawName, ''));
  if (text[p] !== '{') return none;
  const scan = scanJson(text, p);
  if (scan.kind === 'partial') return waitOr(input, () => incomplete(input, rawName, text.slice(p)));
  if (scan.kind === 'invalid') return none;
  const closeParen = closeAfter(input, scan.end, [')']);
  if (closeParen.kind !== 'closed') return closeParen.kind === 'wait' ? partial : none;
  const closeBracket = closeAfter(input, closeParen.end, [']']);
  if (closeBracket.kind !== 'closed') return closeBracket.kind === 'wait' ? partial : none;
  const rawArguments = text.slice(p, scan.end);
  const parsed = parseJsonLenient(rawArguments);
  const args = parsed.ok ? argumentsObject(parsed.value) : { ok: false as const, error: parsed.error };
  const end = closeBracket.end;
  if (!args.ok) return single({ kind: 'malformed', end, rawName, rawArguments, error: args.error });
  return single({ kind: 'call', end, rawName, input: args.input, repairs: args.repairs });
};
