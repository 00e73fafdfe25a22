import { collectPieces, scanTextCalls } from './scan.ts';
import type { TextCallContext, TextCallScan, TextToolCall } from './types.ts';

/**
 * Every tool call written as text in `text` (an assistant turn's text or its reasoning), in
 * order. Envelope formats count whatever the name; a bare or fenced JSON object counts only when
 * its name is an offered tool or maps to one. A call still open when the text ends is reported
 * with kind `incomplete`.
 */
export function findTextToolCalls(text: string, ctx: TextCallContext): TextToolCall[] {
  return scanWholeText(text, ctx).calls;
}

/** `findTextToolCalls` with the text around the calls: what a client should see instead of `text`. */
export function scanWholeText(text: string, ctx: TextCallContext): TextCallScan {
  return collectPieces(scanTextCalls(text, 0, true, ctx).pieces);
}
