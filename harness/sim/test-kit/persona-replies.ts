/** Test support: ask a persona directly (no HTTP) and read its reply. */
import type { Answers } from '../answers.ts';
import { findPersona, personaContext } from '../personas/registry.ts';
import type { Reply, ReplyBlock, SimConversation } from '../types.ts';

type ToolCallBlock = Extract<ReplyBlock, { type: 'tool_call' }>;

/** The persona's reply to `conversation` (`promptCut` as the server would say). */
export function personaReply(answers: Answers, name: string, conversation: SimConversation, promptCut = false): Reply {
  const persona = findPersona(name);
  if (persona === null) throw new Error(`no persona ${name}`);
  return persona.reply(personaContext(conversation, answers, promptCut));
}

/** The blocks of an answer (throws for silent or refusing replies). */
export function replyBlocks(reply: Reply): ReplyBlock[] {
  if (reply.kind !== 'answer') throw new Error(`not an answer: ${reply.kind}`);
  return reply.blocks;
}

/** All text of the reply's text blocks. */
export function replyText(reply: Reply): string {
  return replyBlocks(reply)
    .map((b) => (b.type === 'text' ? b.text : ''))
    .join('');
}

/** The reply's structured tool calls. */
export function replyCalls(reply: Reply): ToolCallBlock[] {
  return replyBlocks(reply).filter((b): b is ToolCallBlock => b.type === 'tool_call');
}
