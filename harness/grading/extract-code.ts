import { stripTemplateTokens } from '../core/template-tokens.ts';
import type { CodeBlock } from './types.ts';

const OPENING_FENCE = /^([ \t]*)(`{3,}|~{3,})[ \t]*([^\s`]*)[^`]*$/;
const CLOSING_FENCE = /^[ \t]*(`{3,}|~{3,})[ \t]*$/;

/**
 * Every fenced block of a Markdown answer, in order: ``` and ~~~ fences, with or without a
 * language. A block still open when the answer ends (the model hit its token limit) is kept
 * with `closed: false`; a closing fence followed only by leaked template tokens still closes.
 * Fences indented inside list items are accepted and their indentation
 * removed from the code. Blocks in any language are returned; sorting decides which matter.
 */
export function extractCodeBlocks(text: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  let open: {
    indent: number;
    char: string;
    length: number;
    lang: string | null;
    precedingLine: string | null;
    lines: string[];
  } | null = null;
  let lastProse: string | null = null;

  for (const line of text.split(/\r?\n/)) {
    if (open === null) {
      const opening = OPENING_FENCE.exec(line);
      if (opening) {
        const fence = opening[2]!;
        open = {
          indent: opening[1]!.length,
          char: fence[0]!,
          length: fence.length,
          lang: opening[3] ? opening[3].toLowerCase() : null,
          precedingLine: lastProse,
          lines: [],
        };
      } else if (line.trim() !== '') {
        lastProse = line.trim();
      }
      continue;
    }
    // A leaked template token glued to the closing fence (```<end_of_turn>) still closes it.
    const closing = CLOSING_FENCE.exec(stripTemplateTokens(line));
    if (closing && closing[1]![0] === open.char && closing[1]!.length >= open.length) {
      blocks.push(finish(open, true, blocks.length));
      open = null;
      lastProse = null;
      continue;
    }
    open.lines.push(dedent(line, open.indent));
  }
  if (open !== null) blocks.push(finish(open, false, blocks.length));
  return blocks;
}

function finish(
  open: { lang: string | null; precedingLine: string | null; lines: string[] },
  closed: boolean,
  index: number,
): CodeBlock {
  return { lang: open.lang, code: open.lines.join('\n'), closed, index, precedingLine: open.precedingLine };
}

function dedent(line: string, indent: number): string {
  let i = 0;
  while (i < indent && (line[i] === ' ' || line[i] === '\t')) i++;
  return line.slice(i);
}
