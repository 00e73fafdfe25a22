/**
 * The rescue applied to a live stream: each tool_use block is held back until its JSON is
 * complete, then sent whole (rewritten when `rescueToolCall` finds a rewrite that validates);
 * leaked template tokens are stripped from text deltas.
 */

import type { RewriteRecord } from '../core/exchange.ts';
import type { ContentDelta, StreamEvent, ToolDefinition, ToolUseBlock } from '../core/messages.ts';
import { createTemplateTokenStripper, type TemplateTokenStripper } from '../core/template-tokens.ts';
import type { AliasTables } from './alias-tables.ts';
import { rescueToolCall, type ToolCallToRescue } from './rescue.ts';
import type { SchemaValidator } from './schema-validator.ts';
import { parseToolArguments } from './tool-call-validation.ts';

export interface RescueStream {
  /** The events to send in place of `event` (none while a tool call is held back). */
  push(event: StreamEvent): StreamEvent[];
  /** Tool calls that were rewritten, by block index: what the client received. */
  readonly rescued: ReadonlyMap<number, ToolCallToRescue>;
  /** Tool-name and parameter rewrites, in stream order. */
  readonly rewrites: readonly RewriteRecord[];
}

interface HeldToolCall {
  start: ToolUseBlock;
  json: string;
}

/** A rescue transformer for one response. */
export function createRescueStream(
  tools: readonly ToolDefinition[],
  tables: AliasTables,
  validator: SchemaValidator,
): RescueStream {
  const strippers = new Map<number, TemplateTokenStripper>();
  const held = new Map<number, HeldToolCall>();
  const rescued = new Map<number, ToolCallToRescue>();
  const rewrites: RewriteRecord[] = [];

  const release = (index: number, call: HeldToolCall): StreamEvent[] => {
    held.delete(index);
    const start = call.start;
    const rawJson =
      call.json === '' && Object.keys(start.input ?? {}).length > 0 ? JSON.stringify(start.input) : call.json;
    const parsed = parseToolArguments(rawJson);
    let name = start.name;
    let json = rawJson;
    if (parsed.error === null) {
      const outcome = rescueToolCall({ name: start.name, input: parsed.input }, tools, tables, validator);
      if (outcome.rewrites.length > 0) {
        rewrites.push(...outcome.rewrites);
        rescued.set(index, outcome.call);
        name = outcome.call.name;
        json = JSON.stringify(outcome.call.input);
      }
    }
    const events: StreamEvent[] = [
      { type: 'content_block_start', index, content_block: { type: 'tool_use', id: start.id, name, input: {} } },
    ];
    if (json !== '')
      events.push({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: json } });
    events.push({ type: 'content_block_stop', index });
    return events;
  };

  const releaseAll = (): StreamEvent[] => [...held.entries()].flatMap(([index, call]) => release(index, call));

  return {
    rescued,
    rewrites,
    push(event) {
      switch (event.type) {
        case 'content_block_start':
          if (event.content_block.type === 'tool_use') {
            held.set(event.index, { start: event.content_block, json: '' });
            return [];
          }
          if (event.content_block.type === 'text') strippers.set(event.index, createTemplateTokenStripper());
          return [event];
        case 'content_block_delta': {
          const call = held.get(event.index);
          if (call !== undefined) {
            if (event.delta.type === 'input_json_delta') call.json += event.delta.partial_json;
            return [];
          }
          const stripper = strippers.get(event.index);
          if (stripper === undefined || event.delta.type !== 'text_delta') return [event];
          const text = stripper.push(event.delta.text);
          return text === '' ? [] : [textDelta(event.index, text)];
        }
        case 'content_block_stop': {
          const call = held.get(event.index);
          if (call !== undefined) return release(event.index, call);
          const stripper = strippers.get(event.index);
          if (stripper === undefined) return [event];
          strippers.delete(event.index);
          const rest = stripper.flush();
          return rest === '' ? [event] : [textDelta(event.index, rest), event];
        }
        case 'message_delta':
        case 'message_stop':
          // A block the upstream never stopped is released rather than lost.
          return held.size === 0 ? [event] : [...releaseAll(), event];
        default:
          return [event];
      }
    },
  };
}

function textDelta(index: number, text: string): StreamEvent {
  const delta: ContentDelta = { type: 'text_delta', text };
  return { type: 'content_block_delta', index, delta };
}
