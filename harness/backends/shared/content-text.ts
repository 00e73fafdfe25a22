/** Flattening Anthropic content into the plain text other dialects carry. */

import { isRecord } from '../../core/json.ts';
import type { ContentBlock, MessagesRequest, ToolResultBlock } from '../../core/messages.ts';

/** The text of a string or of the text blocks in a block list, joined by blank lines. */
export function contentText(
  content: string | ReadonlyArray<ContentBlock | { type: string; [key: string]: unknown }> | undefined,
): string {
  if (content === undefined) return '';
  if (typeof content === 'string') return content;
  return content
    .filter((block) => block.type === 'text' && isRecord(block) && typeof block.text === 'string')
    .map((block) => (block as { text: string }).text)
    .join('\n\n');
}

/** The request's top-level system prompt as one string ('' when absent). */
export function systemText(system: MessagesRequest['system']): string {
  if (system === undefined) return '';
  return typeof system === 'string' ? system : contentText(system);
}

/** A tool result's content as text; a result that is only images becomes ''. */
export function toolResultText(block: ToolResultBlock): string {
  return contentText(block.content);
}

/** True when a tool result carries image blocks (which the text-only dialects drop). */
export function toolResultHasImages(block: ToolResultBlock): boolean {
  return Array.isArray(block.content) && block.content.some((part) => part.type === 'image');
}
