/**
 * Tool calls the model wrote as text, found in an assembled turn (its text blocks and its thinking
 * blocks) and recorded beside its structured calls, rescue on or off. Each is validated like a
 * structured call against the request's own tools; one cut off by the end of the text is
 * `truncated`, one whose envelope holds no readable call `unparseable`.
 */
import type { ToolCallRecord, ToolCallValidation } from '../core/exchange.ts';
import type { MessagesResponse, ToolDefinition } from '../core/messages.ts';
import { findTemplateTokens } from '../core/template-tokens.ts';
import type { ToolCallToRescue } from './rescue.ts';
import type { SchemaValidator } from './schema-validator.ts';
import { findReasoningSpans, findTextToolCalls, type TextCallContext, type TextToolCall } from './text-calls/index.ts';
import { validateToolCall } from './tool-call-validation.ts';

/** A text call of a turn, with its id and where it was. */
export interface FoundTextCall {
  id: string;
  call: TextToolCall;
  /** `reasoning` for a thinking block, or a `<think>`-style span of a text block. */
  in: 'text' | 'reasoning';
  /** The position of its block in the message's content. */
  block: number;
}

/**
 * The id of the n-th text call of an exchange (from 0, blocks in order): `text_<exchange>_<n>`,
 * with characters other than letters, digits, `_` and `-` replaced. The rescue gives the tool_use
 * block it makes of the call the same id, so Claude Code's tool_result points at the record.
 */
export function textCallId(exchangeId: string, n: number): string {
  return `text_${exchangeId.replace(/[^A-Za-z0-9_-]/g, '_')}_${n}`;
}

/** Every text call of `message`, in block order; ids from `idFor`. */
export function findMessageTextCalls(
  message: MessagesResponse | null,
  ctx: TextCallContext,
  idFor: (n: number) => string,
): FoundTextCall[] {
  const found: FoundTextCall[] = [];
  for (const [block, content] of (message?.content ?? []).entries()) {
    if (content.type === 'tool_use') continue;
    const text = content.type === 'text' ? content.text : content.thinking;
    const spans = content.type === 'text' ? findReasoningSpans(text).filter((s) => s.content === 'reasoning') : [];
    for (const call of findTextToolCalls(text, ctx)) {
      const inSpan = spans.some((span) => call.start >= span.start && call.start < span.end);
      const where = content.type === 'thinking' || inSpan ? 'reasoning' : 'text';
      found.push({ id: idFor(found.length), call, in: where, block });
    }
  }
  return found;
}

/** The exchange records of text calls; `lifted` holds what the rescue sent for each, by id. */
export function textCallRecords(
  found: readonly FoundTextCall[],
  tools: readonly ToolDefinition[],
  validator: SchemaValidator,
  lifted: ReadonlyMap<string, ToolCallToRescue>,
): ToolCallRecord[] {
  return found.map(({ id, call, in: where }) => {
    const name = call.name ?? '';
    const record: ToolCallRecord = {
      id,
      name,
      input: call.kind === 'call' ? call.input : call.rawArguments,
      offered: tools.some((tool) => tool.name === name),
      validation: textCallValidation(call, tools, validator),
      text: { format: call.format, verbatim: call.verbatim, in: where },
    };
    const rescued = lifted.get(id);
    if (rescued !== undefined) record.rescued = rescued;
    return record;
  });
}

function textCallValidation(
  call: TextToolCall,
  tools: readonly ToolDefinition[],
  validator: SchemaValidator,
): ToolCallValidation {
  if (call.kind === 'incomplete') return { kind: 'truncated', rawJson: call.rawArguments };
  if (call.kind === 'malformed') return { kind: 'unparseable', error: call.error, rawJson: call.rawArguments };
  const rawJson = JSON.stringify(call.input);
  return validateToolCall({ name: call.name, input: call.input, rawJson, parseError: null }, tools, validator);
}

/**
 * Leaked template tokens in the message's text blocks, outside the text calls: the markers of a
 * call's envelope (`<|python_tag|>`, `[TOOL_CALLS]`, …) are the call's, not leaks.
 */
export function leakedTokensOutsideCalls(message: MessagesResponse | null, found: readonly FoundTextCall[]): string[] {
  const tokens: string[] = [];
  for (const [block, content] of (message?.content ?? []).entries()) {
    if (content.type !== 'text') continue;
    let from = 0;
    for (const { call } of found.filter((f) => f.block === block)) {
      tokens.push(...findTemplateTokens(content.text.slice(from, call.start)));
      from = call.end;
    }
    tokens.push(...findTemplateTokens(content.text.slice(from)));
  }
  return tokens;
}
