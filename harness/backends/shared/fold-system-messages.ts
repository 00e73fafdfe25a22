/**
 * Claude Code sends `role:"system"` messages inside `messages` (the environment block arrives at
 * index 1). Strict chat templates reject a system message that is not first, so they are folded:
 *
 * - before the first assistant turn (static context such as the environment block): appended to
 *   the top-level `system`, which keeps the system prompt one stable prefix;
 * - after an assistant turn (order matters): appended to the adjacent user turn — the one just
 *   before it, else the next one — as a `<system-reminder>` text block, the wrapper Claude Code
 *   itself uses for mid-conversation context; with no user turn to join, it becomes one.
 */
import type { ContentBlock, MessageParam, MessagesRequest, TextBlock } from '../../core/messages.ts';
import type { RewriteNote } from '../types.ts';
import { contentText } from './content-text.ts';

export interface FoldedConversation {
  system: MessagesRequest['system'];
  messages: MessageParam[];
  rewrites: RewriteNote[];
}

/** Removes system-role messages from `messages`, folding their text as described above. */
export function foldSystemMessages(
  system: MessagesRequest['system'],
  messages: readonly MessageParam[],
): FoldedConversation {
  let folded: MessagesRequest['system'] = system;
  const out: MessageParam[] = [];
  const rewrites: RewriteNote[] = [];
  const pending: Array<{ index: number; text: string }> = [];
  let seenAssistant = false;

  messages.forEach((message, index) => {
    if (message.role === 'system') {
      const text = contentText(message.content);
      if (!seenAssistant) {
        folded = appendToSystem(folded, text);
        rewrites.push(
          note(
            index,
            message,
            'system',
            text,
            'system message before the first assistant turn joined the top-level system prompt',
          ),
        );
        return;
      }
      const previous = out.at(-1);
      if (previous?.role === 'user') {
        out[out.length - 1] = appendReminder(previous, text);
        rewrites.push(
          note(
            index,
            message,
            `messages[${out.length - 1}]`,
            reminder(text),
            'system message joined the user turn before it as a <system-reminder>',
          ),
        );
      } else {
        pending.push({ index, text });
      }
      return;
    }
    if (message.role === 'assistant') seenAssistant = true;
    let current = message;
    if (message.role === 'user') {
      for (const item of pending.splice(0)) {
        current = appendReminder(current, item.text);
        rewrites.push(
          note(
            item.index,
            messages[item.index]!,
            `messages[${out.length}]`,
            reminder(item.text),
            'system message joined the next user turn as a <system-reminder>',
          ),
        );
      }
    }
    out.push(current);
  });

  if (pending.length > 0) {
    const content: TextBlock[] = pending.map((item) => ({ type: 'text', text: reminder(item.text) }));
    for (const item of pending) {
      rewrites.push(
        note(
          item.index,
          messages[item.index]!,
          `messages[${out.length}]`,
          reminder(item.text),
          'system message with no user turn to join became a user turn',
        ),
      );
    }
    out.push({ role: 'user', content });
  }
  return { system: folded, messages: out, rewrites };
}

function reminder(text: string): string {
  return `<system-reminder>\n${text}\n</system-reminder>`;
}

function appendToSystem(system: MessagesRequest['system'], text: string): MessagesRequest['system'] {
  if (system === undefined || system === '') return text;
  if (typeof system === 'string') return `${system}\n\n${text}`;
  return [...system, { type: 'text', text }];
}

function appendReminder(message: MessageParam, text: string): MessageParam {
  const blocks: ContentBlock[] =
    typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : [...message.content];
  blocks.push({ type: 'text', text: reminder(text) });
  return { ...message, content: blocks };
}

function note(index: number, message: MessageParam, target: string, text: string, reason: string): RewriteNote {
  return {
    kind: 'fold_system_message',
    before: { index, message },
    after: { target, text },
    reason,
  };
}
