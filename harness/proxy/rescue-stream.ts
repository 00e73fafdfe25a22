/**
 * The rescue applied to a live stream:
 * - each tool_use block is held back until its JSON is complete, then sent whole (rewritten when
 *   `rescueToolCall` finds a rewrite that validates);
 * - text blocks are scanned for tool calls written as text before leaked template tokens are
 *   stripped from the rest (rescue-text-block.ts); a call that validates becomes a tool_use block
 *   where it stood;
 * - a call written in the reasoning (a thinking block; F11, the call trapped in reasoning that
 *   never closed) is lifted at the end of the message, only when the message made no other tool
 *   call: reasoning also holds drafts, and a turn that already calls a tool needs none of them.
 *   The thinking text itself goes on unchanged;
 * - a call inside a `<think>` span of the answer text is lifted where it stands, like any call in
 *   the text: there the span is usually one that never closed (F11 without a reasoning parser);
 * - a message with a lifted call ends with stop_reason `tool_use`.
 * Blocks are renumbered so the client sees indices 0, 1, 2, … whatever was lifted.
 */

import type { RewriteRecord } from '../core/exchange.ts';
import type { ResponseBlock, StreamEvent, ToolDefinition, ToolUseBlock } from '../core/messages.ts';
import type { AliasTables } from './alias-tables.ts';
import { decodeDoubleEncoded } from './argument-coercion.ts';
import { rescueToolCall, type ToolCallToRescue } from './rescue.ts';
import { createTextBlockRescue, type TextBlockRescue } from './rescue-text-block.ts';
import type { SchemaValidator } from './schema-validator.ts';
import { type LiftedTextCall, liftTextCall, type TextCallPlace, toolUseEvents } from './text-call-rescue.ts';
import { findTextToolCalls, type TextCallContext, type TextToolCall, textCallContext } from './text-calls/index.ts';
import { parseToolArguments } from './tool-call-validation.ts';

export interface RescueStream {
  /** The events to send in place of `event` (none while a tool call is held back). */
  push(event: StreamEvent): StreamEvent[];
  /** Tool calls that were rewritten, by upstream block index: what the client received. */
  readonly rescued: ReadonlyMap<number, ToolCallToRescue>;
  /** Tool calls written as text that were sent as tool_use blocks, by id (`textCallId`). */
  readonly lifted: ReadonlyMap<string, ToolCallToRescue>;
  /** Every rewrite of the response, in stream order. */
  readonly rewrites: readonly RewriteRecord[];
}

export interface RescueStreamOptions {
  /**
   * The id of the n-th tool call written as text in the message (from 0, text and reasoning
   * blocks in order): the tool_use id the client gets and the id of its exchange record.
   */
  textCallId?: (n: number) => string;
}

type BlockRoute =
  | { kind: 'text'; rescue: TextBlockRescue }
  | { kind: 'thinking'; out: number; text: string }
  | { kind: 'tool_use'; start: ToolUseBlock; json: string };

interface RescueState {
  readonly tools: readonly ToolDefinition[];
  readonly tables: AliasTables;
  readonly validator: SchemaValidator;
  readonly ctx: TextCallContext;
  readonly textCallId: (n: number) => string;
  readonly routes: Map<number, BlockRoute>;
  readonly rescued: Map<number, ToolCallToRescue>;
  readonly lifted: Map<string, ToolCallToRescue>;
  readonly rewrites: RewriteRecord[];
  /** Calls found in reasoning that would validate, lifted at the end if nothing else calls a tool. */
  readonly fromReasoning: LiftedTextCall[];
  nextIndex: number;
  textCalls: number;
  toolUsesSent: number;
  liftedAny: boolean;
}

/** A rescue transformer for one response. */
export function createRescueStream(
  tools: readonly ToolDefinition[],
  tables: AliasTables,
  validator: SchemaValidator,
  options: RescueStreamOptions = {},
): RescueStream {
  const state: RescueState = {
    tools,
    tables,
    validator,
    ctx: textCallContext(tools, tables),
    textCallId: options.textCallId ?? ((n) => `text_${n}`),
    routes: new Map(),
    rescued: new Map(),
    lifted: new Map(),
    rewrites: [],
    fromReasoning: [],
    nextIndex: 0,
    textCalls: 0,
    toolUsesSent: 0,
    liftedAny: false,
  };
  return {
    rescued: state.rescued,
    lifted: state.lifted,
    rewrites: state.rewrites,
    push: (event) => pushEvent(state, event),
  };
}

function pushEvent(state: RescueState, event: StreamEvent): StreamEvent[] {
  switch (event.type) {
    case 'content_block_start':
      return startBlock(state, event.index, event.content_block);
    case 'content_block_delta':
      return blockDelta(state, event);
    case 'content_block_stop': {
      const route = state.routes.get(event.index);
      if (route === undefined) return [event];
      state.routes.delete(event.index);
      return finishBlock(state, event.index, route, true);
    }
    case 'message_delta': {
      const out = [...finishOpenBlocks(state), ...liftFromReasoning(state)];
      if (!state.liftedAny || event.delta.stop_reason === 'tool_use') return [...out, event];
      return [...out, { ...event, delta: { ...event.delta, stop_reason: 'tool_use', stop_sequence: null } }];
    }
    case 'message_stop':
      // Blocks the upstream never stopped are decided rather than lost.
      return [...finishOpenBlocks(state), event];
    default:
      return [event];
  }
}

function startBlock(state: RescueState, index: number, block: ResponseBlock): StreamEvent[] {
  if (block.type === 'tool_use') {
    state.routes.set(index, { kind: 'tool_use', start: block, json: '' });
    return [];
  }
  if (block.type === 'thinking') {
    const out = state.nextIndex++;
    state.routes.set(index, { kind: 'thinking', out, text: block.thinking });
    return [{ type: 'content_block_start', index: out, content_block: block }];
  }
  const rescue = createTextBlockRescue(state.ctx, {
    openBlock: () => state.nextIndex++,
    takeCall: (call) => takeTextCall(state, call),
    rewrite: (record) => state.rewrites.push(record),
  });
  state.routes.set(index, { kind: 'text', rescue });
  return block.text === '' ? [] : rescue.push(block.text);
}

function blockDelta(state: RescueState, event: Extract<StreamEvent, { type: 'content_block_delta' }>): StreamEvent[] {
  const route = state.routes.get(event.index);
  const delta = event.delta;
  if (route === undefined) return [event];
  if (route.kind === 'tool_use') {
    if (delta.type === 'input_json_delta') route.json += delta.partial_json;
    return [];
  }
  if (route.kind === 'thinking') {
    if (delta.type === 'thinking_delta') route.text += delta.thinking;
    return [{ ...event, index: route.out }];
  }
  return delta.type === 'text_delta' ? route.rescue.push(delta.text) : [];
}

function finishBlock(state: RescueState, index: number, route: BlockRoute, closed: boolean): StreamEvent[] {
  if (route.kind === 'text') return route.rescue.end(closed);
  if (route.kind === 'tool_use') return releaseToolCall(state, index, route);
  for (const call of findTextToolCalls(route.text, state.ctx)) {
    const lifted = liftCall(state, call, 'reasoning');
    if (lifted !== null) state.fromReasoning.push(lifted);
  }
  return closed ? [{ type: 'content_block_stop', index: route.out }] : [];
}

function finishOpenBlocks(state: RescueState): StreamEvent[] {
  const open = [...state.routes.entries()].sort(([a], [b]) => a - b);
  state.routes.clear();
  return open.flatMap(([index, route]) => finishBlock(state, index, route, route.kind === 'tool_use'));
}

// A complete structured call, rewritten when a rewrite validates (double-encoded arguments included).
function releaseToolCall(
  state: RescueState,
  index: number,
  call: { start: ToolUseBlock; json: string },
): StreamEvent[] {
  const start = call.start;
  const rawJson =
    call.json === '' && Object.keys(start.input ?? {}).length > 0 ? JSON.stringify(start.input) : call.json;
  const parsed = parseToolArguments(rawJson);
  let name = start.name;
  let json = rawJson;
  if (parsed.error === null || decodeDoubleEncoded(parsed.input) !== null) {
    const outcome = rescueToolCall(
      { name: start.name, input: parsed.input },
      state.tools,
      state.tables,
      state.validator,
    );
    if (outcome.rewrites.length > 0) {
      state.rewrites.push(...outcome.rewrites);
      state.rescued.set(index, outcome.call);
      name = outcome.call.name;
      json = JSON.stringify(outcome.call.input);
    }
  }
  const out = state.nextIndex++;
  state.toolUsesSent += 1;
  const events: StreamEvent[] = [
    { type: 'content_block_start', index: out, content_block: { type: 'tool_use', id: start.id, name, input: {} } },
  ];
  if (json !== '') {
    events.push({ type: 'content_block_delta', index: out, delta: { type: 'input_json_delta', partial_json: json } });
  }
  events.push({ type: 'content_block_stop', index: out });
  return events;
}

// Every text call takes the next id, lifted or not, so ids match the exchange record's.
function liftCall(state: RescueState, call: TextToolCall, place: TextCallPlace): LiftedTextCall | null {
  const id = state.textCallId(state.textCalls++);
  return liftTextCall(call, id, place, state.tools, state.tables, state.validator);
}

function takeTextCall(state: RescueState, call: TextToolCall): ToolUseBlock | null {
  const lifted = liftCall(state, call, 'text');
  if (lifted === null) return null;
  record(state, lifted);
  state.toolUsesSent += 1;
  return lifted.block;
}

function record(state: RescueState, lifted: LiftedTextCall): void {
  state.rewrites.push(...lifted.rewrites);
  state.lifted.set(lifted.block.id, { name: lifted.block.name, input: lifted.block.input });
  state.liftedAny = true;
}

function liftFromReasoning(state: RescueState): StreamEvent[] {
  const calls = state.fromReasoning.splice(0);
  if (state.toolUsesSent > 0) return [];
  return calls.flatMap((lifted) => {
    record(state, lifted);
    state.toolUsesSent += 1;
    return toolUseEvents(state.nextIndex++, lifted.block);
  });
}
