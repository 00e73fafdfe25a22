/**
 * Never forwards a tool call the output limit cut (F14, F16), rescue on or off. The last tool_use
 * block of a message is held until the next block starts (then it was complete) or the message's
 * stop reason arrives. When that is `max_tokens` and the call's arguments are incomplete
 * (`isIncompleteCall`), the block is not sent: the client gets the text so far and `max_tokens`.
 *
 * Why not forward it: dialects that translate (OpenAI, Ollama) close every block before the
 * message ends, so Claude Code 2.1.328 runs the cut call — an InputValidationError, or a write of
 * truncated content — and does not raise its limit. Given the same message without the call, it
 * raises max_tokens (32000 → 128000) and asks the model to resume ("Output token limit hit.
 * Resume directly … Break remaining work into smaller pieces."), as it does for any cut answer.
 */
import type { RewriteRecord } from '../core/exchange.ts';
import type { StreamEvent, ToolDefinition, ToolUseBlock } from '../core/messages.ts';
import type { SchemaValidator } from './schema-validator.ts';
import { isIncompleteCall, parseToolArguments } from './tool-call-validation.ts';

export interface TruncatedCallGuard {
  /** The events to send in place of `event` (none while the last tool call is held). */
  push(event: StreamEvent): StreamEvent[];
  /** One `truncated_tool_call` rewrite per call not forwarded. */
  readonly rewrites: readonly RewriteRecord[];
}

interface HeldCall {
  index: number;
  start: ToolUseBlock;
  json: string;
  events: StreamEvent[];
}

/** A guard for one response. */
export function createTruncatedCallGuard(
  tools: readonly ToolDefinition[],
  validator: SchemaValidator,
): TruncatedCallGuard {
  let held: HeldCall | null = null;
  const rewrites: RewriteRecord[] = [];
  const release = (): StreamEvent[] => {
    const events = held?.events ?? [];
    held = null;
    return events;
  };
  const hold = (event: StreamEvent): StreamEvent[] => {
    if (event.type !== 'content_block_start' || event.content_block.type !== 'tool_use') return [event];
    held = { index: event.index, start: event.content_block, json: '', events: [event] };
    return [];
  };
  return {
    rewrites,
    push(event) {
      if (held === null) return hold(event);
      const call: HeldCall = held;
      switch (event.type) {
        case 'content_block_delta':
        case 'content_block_stop':
          if (event.index !== call.index) return [event];
          if (event.type === 'content_block_delta' && event.delta.type === 'input_json_delta') {
            call.json += event.delta.partial_json;
          }
          call.events.push(event);
          return [];
        case 'content_block_start':
          return [...release(), ...hold(event)];
        case 'message_delta':
          if (event.delta.stop_reason === 'max_tokens' && cutShort(call, tools, validator)) {
            held = null;
            rewrites.push(droppedCall(call));
            return [event];
          }
          return [...release(), event];
        case 'message_stop':
          return [...release(), event];
        case 'error':
          // The stream failed inside the call: it is not sent.
          held = null;
          return [event];
        default:
          return [event];
      }
    },
  };
}

function rawArguments(call: HeldCall): string {
  const startInput = call.start.input ?? {};
  return call.json === '' && Object.keys(startInput).length > 0 ? JSON.stringify(startInput) : call.json;
}

function cutShort(call: HeldCall, tools: readonly ToolDefinition[], validator: SchemaValidator): boolean {
  const rawJson = rawArguments(call);
  const parsed = parseToolArguments(rawJson);
  return isIncompleteCall(
    { name: call.start.name, input: parsed.input, rawJson, parseError: parsed.error },
    tools,
    validator,
  );
}

function droppedCall(call: HeldCall): RewriteRecord {
  return {
    kind: 'truncated_tool_call',
    where: 'response',
    before: { type: 'tool_use', id: call.start.id, name: call.start.name, partial_json: rawArguments(call) },
    after: null,
    reason:
      `the output limit (stop max_tokens) cut this ${call.start.name} call before its arguments were complete;` +
      ' not forwarded, so Claude Code raises its limit and asks the model to continue instead of running it',
  };
}
