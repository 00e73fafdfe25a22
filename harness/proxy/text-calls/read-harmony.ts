/**
 * gpt-oss harmony messages addressed to a function:
 * `<|start|>assistant<|channel|>commentary to=functions.NAME <|constrain|>json<|message|>{…}<|call|>`.
 * The recipient may come before or after the channel (Ollama harmony/harmonyparser.go and its
 * tests), the `<|start|>assistant` may be missing when the prompt supplied it, and servers that
 * drop special tokens leave `commentary to=functions.NAME json{…}` (macprovider#743). The
 * message ends at `<|call|>` (or `<|end|>`, `<|return|>`), or where its JSON ends.
 */
import { argumentsObject, malformedJson } from './call-objects.ts';
import { parseJsonLenient, scanJson } from './json-scan.ts';
import {
  type FormatReader,
  finishCalls,
  incomplete,
  none,
  partial,
  type ReadInput,
  type ReadResult,
  single,
  skipSpace,
  waitOr,
} from './reader.ts';

const messageTag = '<|message|>';
const terminators = ['<|call|>', '<|end|>', '<|return|>'];
// A header holds role, channel, recipient and constraint; nothing longer is a header.
const maxHeader = 300;

/** Reads a harmony function-call message starting at `<|start|>`, `<|channel|>` or `to=`. */
export const readHarmony: FormatReader = (input) => {
  const header = readHeader(input);
  if (header.kind !== 'header') return header.kind === 'wait' ? partial : none;
  const { text } = input;
  const p = skipSpace(text, header.bodyStart);
  // Without its <|message|> token, only a JSON body shows that this was a call.
  const plainBody = (): ReadResult => (header.tagged ? readPlainBody(input, header.recipient, p) : none);
  if (p >= text.length) return waitOr(input, () => (header.tagged ? incomplete(input, header.recipient, '') : none));
  if (text[p] !== '{' && text[p] !== '[') return plainBody();
  const scan = scanJson(text, p);
  if (scan.kind === 'partial') return waitOr(input, () => incomplete(input, header.recipient, text.slice(p)));
  if (scan.kind === 'invalid') return plainBody();
  const rawArguments = text.slice(p, scan.end);
  const parsed = parseJsonLenient(rawArguments);
  const args = parsed.ok ? argumentsObject(parsed.value) : { ok: false as const, error: parsed.error };
  const call = args.ok
    ? { kind: 'call' as const, end: scan.end, rawName: header.recipient, input: args.input, repairs: args.repairs }
    : { ...malformedJson(text, p, scan.end, args.error), rawName: header.recipient };
  return finishCalls(input, [call], terminators, false);
};

type Header =
  | { kind: 'header'; recipient: string; bodyStart: number; tagged: boolean }
  | { kind: 'wait' }
  | { kind: 'none' };

const headerPattern =
  /^(?:<\|start\|>)?\s*(?:assistant)?\s*(?:(?:<\|channel\|>)?(?:analysis|commentary|final)\b)?\s*to=([^\s<{]+)\s*(?:<\|channel\|>\s*(?:analysis|commentary|final)\b)?\s*(?:<\|constrain\|>)?\s*(?:json\b)?\s*(<\|message\|>)?$/;

/**
 * The header from the opener to `<|message|>` (or, with the tokens dropped, to the `{` of the
 * body) must be a header addressed to someone, in full; until one of them shows, wait.
 */
function readHeader(input: ReadInput): Header {
  const { text, at } = input;
  const window = text.slice(at, at + maxHeader);
  const messageAt = window.indexOf(messageTag);
  const braceAt = window.indexOf('{');
  if (messageAt === -1 && braceAt === -1) {
    const open = !input.final && window.length < maxHeader && !window.includes('\n');
    return open ? { kind: 'wait' } : { kind: 'none' };
  }
  const tagged = messageAt !== -1 && (braceAt === -1 || messageAt < braceAt);
  const head = tagged ? window.slice(0, messageAt + messageTag.length) : window.slice(0, braceAt);
  const match = headerPattern.exec(head);
  if (match === null || (tagged && match[2] === undefined)) return { kind: 'none' };
  return { kind: 'header', recipient: match[1]!, bodyStart: at + head.length, tagged };
}

/** A message body that is not JSON (a `code` constraint, or prose): taken up to its terminator. */
function readPlainBody(input: ReadInput, recipient: string, p: number): ReadResult {
  const { text } = input;
  const ends = terminators.map((t) => ({ t, at: text.indexOf(t, p) })).filter((x) => x.at !== -1);
  if (ends.length === 0) return waitOr(input, () => incomplete(input, recipient, text.slice(p)));
  const first = ends.reduce((a, b) => (b.at < a.at ? b : a));
  const rawArguments = text.slice(p, first.at);
  return single({
    kind: 'malformed',
    end: first.at + first.t.length,
    rawName: recipient,
    rawArguments,
    error: 'the harmony message to a function does not hold a JSON object',
  });
}
