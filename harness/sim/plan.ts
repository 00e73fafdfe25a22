/** A persona's reply → the tokens actually sent, cut to the output budget, with the stop reason. */
import { tokenize } from './tokens.ts';
import type { Plan, PlannedBlock, PlannedToken, ReplyBlock } from './types.ts';

/**
 * Tokenises every block (thinking, text, tool-call argument JSON all count), keeps at most
 * `budget` tokens and decides the stop: `max_tokens` when the budget cut the reply or the persona
 * forces it, `tool_use` when a complete tool call was sent, else `end`.
 */
export function planReply(
  blocks: readonly ReplyBlock[],
  options: { budget: number | null; forceMaxTokens?: boolean; makeToolId: () => string },
): Plan {
  const planned: PlannedBlock[] = [];
  const tokens: PlannedToken[] = [];
  let remaining = options.budget === null ? Number.POSITIVE_INFINITY : Math.max(0, options.budget);
  let truncated = false;

  for (const block of blocks) {
    const argumentsJson = block.type === 'tool_call' ? (block.argumentsJson ?? JSON.stringify(block.input)) : '';
    const pieces = block.type === 'tool_call' ? tokenize(argumentsJson) : tokenize(block.text);
    if (pieces.length === 0) continue;
    if (remaining <= 0) {
      truncated = true;
      break;
    }
    const kept = pieces.slice(0, remaining);
    remaining -= kept.length;
    const complete = kept.length === pieces.length;
    const index = planned.length;
    planned.push({
      type: block.type,
      name: block.type === 'tool_call' ? block.name : '',
      id: block.type === 'tool_call' ? options.makeToolId() : '',
      pieces: kept,
      complete,
      input: block.type === 'tool_call' ? block.input : {},
      argumentsJson,
    });
    for (const [i, piece] of kept.entries()) tokens.push({ block: index, piece, lastOfBlock: i === kept.length - 1 });
    if (!complete) {
      truncated = true;
      break;
    }
  }

  const sentToolCall = planned.some((b) => b.type === 'tool_call' && b.complete);
  const stop = truncated || options.forceMaxTokens === true ? 'max_tokens' : sentToolCall ? 'tool_use' : 'end';
  return { blocks: planned, tokens, stop };
}

/** Joined text of the blocks of one type, as sent. */
export function plannedText(plan: Plan, type: 'thinking' | 'text'): string {
  return plan.blocks
    .filter((b) => b.type === type)
    .map((b) => b.pieces.join(''))
    .join('');
}
