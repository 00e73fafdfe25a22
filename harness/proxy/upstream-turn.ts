/**
 * One `/v1/messages` turn sent upstream: wait for a slot, send the dialect's streamed call, relay
 * the decoded events (upstream-relay.ts) through the turn's event handling (turn-stream.ts) to the
 * client (sse-writer.ts, or one JSON message), answer, and record (turn-record.ts).
 * The per-chunk path does one clock read and one JSON.stringify per event, and one socket write
 * per upstream read (the first token is written at once).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ContextCheck, ExchangeKind, LoopRecord, RewriteRecord, UpstreamTarget } from '../core/exchange.ts';
import type { ApiError, MessagesRequest, ToolDefinition } from '../core/messages.ts';
import { apiError } from './api-error.ts';
import { type CancelSource, createCancelToken } from './cancel-token.ts';
import { checkContext } from './context-check.ts';
import { estimateInputTokens } from './count-tokens.ts';
import { type ExchangeOrigin, exchangeId, exchangeRecord } from './exchange-record.ts';
import { sendError, sendJson } from './http-io.ts';
import { streamLoopMark, turnSignature } from './loop-tracker.ts';
import { createMessageAssembler, type MessageAssembler } from './message-assembler.ts';
import { redactDeep } from './redact.ts';
import { createResponseStream, type ResponseStream } from './response-stream.ts';
import type { ProxyRuntime } from './runtime.ts';
import { sseFrame } from './sse.ts';
import { createSseWriter, type SseWriter } from './sse-writer.ts';
import { textCallId } from './text-call-records.ts';
import { textCallContext } from './text-calls/index.ts';
import { turnOutcome } from './turn-record.ts';
import { createTurnStream, type TurnStream } from './turn-stream.ts';
import { createTurnTimer, type TurnTimer } from './turn-timer.ts';
import { readUpstreamText } from './upstream-client.ts';
import { type RelayEnd, relayAsync, relayPush, upstreamBody } from './upstream-relay.ts';

export interface UpstreamTurn {
  origin: ExchangeOrigin;
  kind: ExchangeKind;
  request: MessagesRequest;
  /** The model name sent upstream. */
  model: string;
  rescue: boolean;
  /** The conversation the request belongs to (loop-tracker.ts conversationKey). */
  conversation: string;
}

/** Repeats of one line or sentence inside a turn that stop it, per unit of the loop limit. */
export const streamRepeatsPerLoopLimit = 4;

/** The state of one turn while it runs. */
interface TurnRun {
  readonly rt: ProxyRuntime;
  readonly turn: UpstreamTurn;
  readonly res: ServerResponse;
  /** The request as sent upstream (the model name replaced). */
  readonly request: MessagesRequest;
  readonly timer: TurnTimer;
  readonly cancel: CancelSource;
  readonly raw: MessageAssembler;
  readonly sent: MessageAssembler;
  readonly response: ResponseStream;
  readonly tools: readonly ToolDefinition[];
  readonly textCallId: (n: number) => string;
  readonly writer: SseWriter | null;
  readonly stream: TurnStream;
  readonly requestRewrites: RewriteRecord[];
  upstreamUrl: string;
  sentUpstream: boolean;
  /** Transport trouble (unreachable, an error status, a broken or truncated body, a proxy bug). */
  failure: ApiError | null;
  clientAborted: boolean;
}

/** Runs the turn to completion (or client disconnect) and records it; never throws for upstream trouble. */
export async function runUpstreamTurn(rt: ProxyRuntime, turn: UpstreamTurn, res: ServerResponse): Promise<void> {
  const run = prepareTurn(rt, turn, res);
  run.timer.queued();
  try {
    await rt.slots(() => exchangeUpstream(run));
  } catch (error) {
    // A dialect that throws while building the call is a proxy bug; the client still gets an answer.
    run.failure = apiError('api_error', `Proxy failed to handle the request: ${(error as Error).message}`);
    rt.logger.warn(`proxy: ${(error as Error).stack ?? String(error)}`);
  } finally {
    run.timer.ended();
    run.writer?.stop();
  }
  answerClient(run);
  recordTurn(run);
}

function prepareTurn(rt: ProxyRuntime, turn: UpstreamTurn, res: ServerResponse): TurnRun {
  const request = turn.request.model === turn.model ? turn.request : { ...turn.request, model: turn.model };
  const tools = Array.isArray(request.tools) ? request.tools : [];
  const timer = createTurnTimer(rt.clock);
  const raw = createMessageAssembler(turn.model);
  const idFor = (n: number): string => textCallId(exchangeId(turn.origin), n);
  const response = createResponseStream(tools, rt.aliases, rt.validator, { rescue: turn.rescue, textCallId: idFor });
  const sent = createMessageAssembler(turn.model);
  const writer = turn.origin.stream
    ? createSseWriter(res, {
        // Push decoders deliver every event of one upstream read synchronously; a microtask runs
        // once that read has been handled.
        batchEnd: rt.dialect.createDecoder !== undefined ? 'microtask' : 'immediate',
        pingIntervalMs: rt.options.pingIntervalMs,
      })
    : null;
  const stream = createTurnStream({
    timer,
    raw,
    sent,
    response,
    writer,
    repetitionLimit: rt.options.loopLimit * streamRepeatsPerLoopLimit,
  });
  const run: TurnRun = {
    rt,
    turn,
    res,
    request,
    timer,
    raw,
    sent,
    response,
    writer,
    stream,
    tools,
    textCallId: idFor,
    cancel: createCancelToken(),
    requestRewrites: [],
    upstreamUrl: rt.upstream.baseUrl,
    sentUpstream: false,
    failure: null,
    clientAborted: false,
  };
  res.on('close', () => {
    if (res.writableFinished) return;
    run.clientAborted = true;
    run.cancel.cancel();
  });
  return run;
}

async function exchangeUpstream(run: TurnRun): Promise<void> {
  const { rt, cancel } = run;
  if (cancel.cancelled) return; // left the queue before its turn
  run.timer.started();
  const settings = { ...rt.options.settings, modelOverride: run.turn.model };
  const { call, rewrites } = rt.dialect.toUpstream(run.request, settings, run.turn.origin.headers);
  for (const note of rewrites) {
    const { kind, reason } = note;
    run.requestRewrites.push({
      kind,
      where: 'request',
      before: redactDeep(note.before),
      after: redactDeep(note.after),
      reason,
    });
  }
  run.upstreamUrl = rt.upstream.urlFor(call.path);
  let response: IncomingMessage;
  try {
    const onSent = (): void => {
      run.sentUpstream = true;
      run.timer.sent();
    };
    response = await rt.upstream.send(call, { cancel, onSent });
  } catch (error) {
    if (!cancel.cancelled) run.failure = unreachable(run.upstreamUrl, error);
    return;
  }
  const status = response.statusCode ?? 0;
  if (status < 200 || status >= 300) {
    const text = await readUpstreamText(response).catch(() => '');
    run.failure = rt.dialect.decodeError(status, text);
    return;
  }
  run.writer?.open();
  settle(run, response, await relay(run, response));
}

function relay(run: TurnRun, response: IncomingMessage): Promise<RelayEnd> {
  const { rt, cancel, stream } = run;
  const sink = (event: Parameters<TurnStream['push']>[0]): boolean => !cancel.cancelled && stream.push(event);
  const decoder = rt.dialect.createDecoder?.(run.request);
  if (decoder !== undefined) return relayPush(response, decoder, sink, () => cancel.cancelled);
  return relayAsync(rt.dialect.decodeStream(upstreamBody(response), run.request), sink);
}

/** After the relay: drain or drop the upstream, close a message cut by a loop, spot a truncated body. */
function settle(run: TurnRun, response: IncomingMessage, end: RelayEnd): void {
  const { cancel, stream } = run;
  cancel.onCancel(null);
  if (end.kind === 'threw' && !cancel.cancelled)
    run.failure = apiError('api_error', `Upstream stream failed: ${end.error.message}`);
  // After message_stop the rest is drained so the keep-alive socket can be reused; after an error
  // or a stopped loop the connection is dropped, which also stops a backend still generating.
  const failed = failureOf(run) !== null;
  if (failed || stream.repetition !== null) response.destroy();
  else response.resume();
  if (stream.repetition !== null) {
    if (!cancel.cancelled) stream.closeMessage();
    return;
  }
  if (!failed && !stream.sawStop && !cancel.cancelled) {
    run.failure = apiError(
      'api_error',
      `Upstream stream from ${run.upstreamUrl} ended before message_stop (truncated); the turn is incomplete.`,
    );
  }
}

function failureOf(run: TurnRun): ApiError | null {
  return run.failure ?? run.stream.failure;
}

function answerClient(run: TurnRun): void {
  const { res } = run;
  if (run.clientAborted) return;
  const failure = failureOf(run);
  const stream = run.turn.origin.stream;
  if (failure !== null) answerError(res, stream, failure);
  else if (stream) res.end();
  else {
    const message = run.sent.message();
    if (message === null) answerError(res, false, apiError('api_error', 'Upstream sent no message.'));
    else sendJson(res, 200, message);
  }
}

function recordTurn(run: TurnRun): void {
  const { rt, turn, stream } = run;
  const server = rt.options.settings.server;
  const upstream: UpstreamTarget = {
    dialect: rt.dialect.kind,
    url: run.upstreamUrl,
    model: turn.model,
    ...(server === undefined ? {} : { server }),
  };
  const loop = loopOf(run);
  const outcome = turnOutcome({
    raw: run.raw,
    sent: run.sent,
    response: run.response,
    tools: run.tools,
    validator: rt.validator,
    textCalls: textCallContext(run.tools, rt.aliases),
    textCallId: run.textCallId,
    upstream,
    loop,
    requestRewrites: run.requestRewrites,
    failure: failureOf(run),
    serverTimings: stream.serverTimings,
    timer: run.timer,
    clientAborted: run.clientAborted,
    context: contextOf(run),
  });
  const record = exchangeRecord(turn.origin, turn.kind, outcome);
  rt.recorder.record(turn.origin.session, record);
  if (loop?.stopped === true) {
    const stop = { conversation: turn.conversation, exchangeId: record.id, loop, at: new Date().toISOString() };
    turn.origin.session.loops.stop(stop);
  }
}

/** A repetition inside the stream, or this model turn repeating the one before it. */
function loopOf(run: TurnRun): LoopRecord | null {
  const { turn, raw } = run;
  if (run.stream.repetition !== null) return streamLoopMark(run.stream.repetition);
  if (turn.kind !== 'model' || failureOf(run) !== null || run.clientAborted) return null;
  const calls = raw
    .toolCalls()
    .map((call) => ({ name: call.name, input: call.parseError === null ? call.input : call.rawJson }));
  const signature = turnSignature(calls, [...raw.textBlocks().values()]);
  return turn.origin.session.loops.observe(turn.conversation, run.request.messages.length, signature);
}

function contextOf(run: TurnRun): ContextCheck {
  if (!run.sentUpstream) return { state: 'unknown', reason: 'not_sent_upstream' };
  const serverInputTokens = run.raw.reportedInputTokens();
  if (serverInputTokens === null) return { state: 'unknown', reason: 'no_server_count' };
  const own = run.turn.origin.session.contextTokens;
  const contextTokens = own === undefined ? run.rt.options.contextTokens : own;
  return checkContext({ sentEstimate: estimateInputTokens(run.request), serverInputTokens, contextTokens });
}

/** Before streaming began: the mapped status and error JSON; after: an `error` event, then the end. */
function answerError(res: ServerResponse, stream: boolean, error: ApiError): void {
  if (res.writableEnded || res.destroyed) return;
  if (stream && res.headersSent) {
    res.end(sseFrame({ type: 'error', error: { type: error.type, message: error.message } }));
    return;
  }
  sendError(res, error);
}

function unreachable(url: string, error: unknown): ApiError {
  const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return apiError('api_error', `Upstream unreachable at ${url}: ${code}. Start the backend or check --base-url.`, 502);
}
