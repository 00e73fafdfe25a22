/**
 * The rescue's decision for a tool call the model wrote as text: the `tool_use` block it becomes
 * (after the same tool-name, parameter-name and argument-type rewrites as a structured call), or
 * null to leave the text as it was. Only a call that was read whole and validates against an
 * offered schema is lifted; a malformed or cut-off one never is.
 */
import type { RewriteRecord } from '../core/exchange.ts';
import type { StreamEvent, ToolDefinition, ToolUseBlock } from '../core/messages.ts';
import type { AliasTables } from './alias-tables.ts';
import { rescueToolCall } from './rescue.ts';
import type { SchemaValidator } from './schema-validator.ts';
import type { TextToolCall } from './text-calls/index.ts';

/** A text call turned into a tool_use block, and every rewrite that took (the text call's first). */
export interface LiftedTextCall {
  block: ToolUseBlock;
  rewrites: RewriteRecord[];
}

/** Where a text call was found. */
export type TextCallPlace = 'text' | 'reasoning';

/** The tool_use block `call` becomes, with id `id`; null when it must stay text. */
export function liftTextCall(
  call: TextToolCall,
  id: string,
  place: TextCallPlace,
  tools: readonly ToolDefinition[],
  tables: AliasTables,
  validator: SchemaValidator,
): LiftedTextCall | null {
  if (call.kind !== 'call') return null;
  const outcome = rescueToolCall({ name: call.name, input: call.input }, tools, tables, validator);
  if (!outcome.valid) return null;
  const block: ToolUseBlock = {
    type: 'tool_use',
    id,
    name: outcome.call.name,
    input: outcome.call.input as Record<string, unknown>,
  };
  const rewrite: RewriteRecord = {
    kind: 'text_tool_call',
    where: 'response',
    before: call.verbatim,
    after: block,
    reason:
      `a ${call.name} call written as text (${call.format}) in the ${place === 'text' ? 'answer' : 'reasoning'}` +
      ' sent as a tool_use block; the message ends with stop_reason tool_use',
  };
  return { block, rewrites: [rewrite, ...outcome.rewrites] };
}

/** The events of one whole tool_use block at downstream index `index`. */
export function toolUseEvents(index: number, block: ToolUseBlock): StreamEvent[] {
  const json = JSON.stringify(block.input);
  return [
    { type: 'content_block_start', index, content_block: { ...block, input: {} } },
    ...(json === '{}'
      ? []
      : [{ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: json } } as const]),
    { type: 'content_block_stop', index },
  ];
}
