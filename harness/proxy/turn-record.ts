/**
 * The record of one upstream turn, built once it is over: every tool call as the model sent it,
 * structured or written as text (validated against the request's own tools, with what the rescue
 * made of it), the rewrites of request and response, leaked template tokens, reasoning that
 * arrived, and the measurements.
 */
import type { ContextCheck, LoopRecord, RewriteRecord, ToolCallRecord, UpstreamTarget } from '../core/exchange.ts';
import type { ApiError, MessagesResponse, ServerTimings, ToolDefinition } from '../core/messages.ts';
import type { ExchangeOutcome } from './exchange-record.ts';
import type { MessageAssembler } from './message-assembler.ts';
import type { ResponseStream } from './response-stream.ts';
import type { SchemaValidator } from './schema-validator.ts';
import { findMessageTextCalls, leakedTokensOutsideCalls, textCallRecords } from './text-call-records.ts';
import type { TextCallContext } from './text-calls/index.ts';
import { validateToolCall } from './tool-call-validation.ts';
import type { TurnTimer } from './turn-timer.ts';

export interface FinishedTurn {
  /** What the model sent. */
  raw: MessageAssembler;
  /** What the client received. */
  sent: MessageAssembler;
  response: ResponseStream;
  tools: readonly ToolDefinition[];
  validator: SchemaValidator;
  /** What the text-call recognisers need: the offered tools and the alias tables. */
  textCalls: TextCallContext;
  /** The id of the n-th text call of this exchange. */
  textCallId: (n: number) => string;
  /** Changes the dialect made to the request. */
  requestRewrites: readonly RewriteRecord[];
  upstream: UpstreamTarget;
  failure: ApiError | null;
  serverTimings: ServerTimings | null;
  timer: TurnTimer;
  clientAborted: boolean;
  context: ContextCheck;
  loop: LoopRecord | null;
}

/** Everything the exchange record says about the turn. */
export function turnOutcome(turn: FinishedTurn): ExchangeOutcome {
  const { raw, sent } = turn;
  const outputTokens = raw.reportedOutputTokens();
  const message = raw.message();
  const textCalls = findMessageTextCalls(message, turn.textCalls, turn.textCallId);
  const toolCalls = toolCallRecords(raw, turn.response, turn.tools, turn.validator);
  toolCalls.push(...textCallRecords(textCalls, turn.tools, turn.validator, turn.response.lifted));
  return {
    route: 'upstream',
    upstream: turn.upstream,
    response: sent.message(),
    error: turn.failure,
    stopReason: raw.stopReason(),
    stopDetail: raw.stopDetail(),
    usage: { inputTokens: raw.reportedInputTokens(), outputTokens },
    timings: turn.timer.timings(outputTokens),
    serverTimings: turn.serverTimings,
    toolCalls,
    rewrites: [...turn.requestRewrites, ...turn.response.rewrites()],
    leakedTokens: leakedTokensOutsideCalls(message, textCalls),
    clientAborted: turn.clientAborted,
    reasoningChars: reasoningChars(message),
    context: turn.context,
    loop: turn.loop,
  };
}

/** The model's structured tool calls as sent, each validated against the offered tools. */
export function toolCallRecords(
  raw: MessageAssembler,
  response: ResponseStream,
  tools: readonly ToolDefinition[],
  validator: SchemaValidator,
): ToolCallRecord[] {
  return raw.toolCalls().map((call) => {
    const record: ToolCallRecord = {
      id: call.id,
      name: call.name,
      input: call.parseError === null ? call.input : call.rawJson,
      offered: tools.some((tool) => tool.name === call.name),
      validation: validateToolCall(call, tools, validator),
    };
    const rescued = response.rescued.get(call.index);
    if (rescued !== undefined) record.rescued = rescued;
    return record;
  });
}

/** Characters of reasoning in the message (its thinking blocks). */
export function reasoningChars(message: MessagesResponse | null): number {
  let chars = 0;
  for (const block of message?.content ?? []) if (block.type === 'thinking') chars += block.thinking.length;
  return chars;
}
