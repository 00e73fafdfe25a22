/**
 * Markdown fences that hold a call:
 * - ```` ```json ```` (or no language) around a call object: the bare-JSON rule, fence included
 *   (llama.cpp common/chat.cpp common_chat_parse_hermes_2_pro accepts ```` ```json ```` before a call);
 * - ```` ```tool_code ```` (Gemma): `read-pythonic.ts`;
 * - a reply that is nothing but one shell fence (F36, lucebox-hub PR#276): a Bash call, counted
 *   only when the request offers a tool "bash" maps to.
 */
import { readJsonCallAt } from './read-bare-json.ts';
import { readToolCodeFence } from './read-pythonic.ts';
import {
  closeAfter,
  type FormatReader,
  none,
  partial,
  type ReadInput,
  type ReadResult,
  single,
  skipSpace,
  waitOr,
} from './reader.ts';
import { resolveToolName } from './tool-names.ts';

const fence = '```';
const jsonLanguages = new Set(['', 'json', 'json5', 'jsonc', 'tool_call', 'tool_calls']);
const shellLanguages = new Set(['bash', 'sh', 'shell', 'zsh', 'console']);

/** Reads a fence at "```", by its language. */
export const readFence: FormatReader = (input) => {
  const { text, at } = input;
  const lineEnd = text.indexOf('\n', at);
  const info = text.slice(at + fence.length, lineEnd === -1 ? undefined : lineEnd);
  const language = /^([\w+-]*)[ \t]*$/.exec(info)?.[1]?.toLowerCase();
  if (language === undefined || info.length > 40) return none;
  if (lineEnd === -1) return waitOr(input, () => none);
  if (language === 'tool_code') return readToolCodeFence({ ...input, opener: text.slice(at, lineEnd + 1) });
  if (jsonLanguages.has(language)) return readJsonFence(input, lineEnd + 1);
  if (shellLanguages.has(language)) return readShellFence(input, lineEnd + 1);
  return none;
};

function readJsonFence(input: ReadInput, from: number): ReadResult {
  const { text } = input;
  const p = skipSpace(text, from);
  if (p >= text.length) return waitOr(input, () => none);
  if (text[p] !== '{' && text[p] !== '[') return none;
  const inner = readJsonCallAt(input, p, 'fenced-json');
  if (inner.kind !== 'match') return inner.kind === 'partial' ? partial : none;
  const close = closeAfter(input, inner.end, [fence]);
  if (close.kind === 'wait') return partial;
  if (close.kind === 'open') return none;
  return { kind: 'match', end: close.end, calls: inner.calls.map((call) => ({ ...call, end: close.end })) };
}

/** A lone shell fence: the whole text is whitespace, the fence, whitespace. */
function readShellFence(input: ReadInput, from: number): ReadResult {
  const { text, at, ctx } = input;
  if (!input.leadingBlank || text.slice(0, at).trim() !== '') return none;
  if (resolveToolName('bash', ctx).offeredName === null) return none;
  const closing = /\n[ \t]*```[ \t]*(?=\n|$)/.exec(text.slice(from - 1));
  if (closing === null) {
    return waitOr(input, () => ({
      kind: 'match',
      end: text.length,
      calls: [
        {
          kind: 'incomplete',
          end: text.length,
          rawName: 'bash',
          rawArguments: text.slice(from),
          format: 'shell-fence',
        },
      ],
    }));
  }
  const end = from - 1 + closing.index + closing[0].length;
  const rest = text.slice(end);
  if (rest.trim() !== '') return none;
  if (!input.final) return partial;
  const command = text.slice(from, from - 1 + closing.index);
  if (command.trim() === '') return none;
  return single({ kind: 'call', end, rawName: 'bash', input: { command }, repairs: [], format: 'shell-fence' });
}
