/**
 * One `/v1/messages` turn sent upstream: wait for a slot, send the dialect's streamed call,
 * decode, time, optionally rescue, relay as SSE or assemble one JSON message, record.
 * The per-chunk path does one clock read and one JSON.stringify per event, and one socket write
 * per upstream read (the first token is written at once).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StreamDecoder, UpstreamEvent } from '../backends/types.ts';
import type { ExchangeKind, RewriteRecord, ToolCallRecord } from '../core/exchange.ts';
import type { ApiError, MessagesRequest, ServerTimings, StreamEvent } from '../core/messages.ts';
import { apiError } from './api-error.ts';
import { createCancelToken } from './cancel-token.ts';
import { type ExchangeOrigin, exchangeId, exchangeRecord } from './exchange-record.ts';
import { sendError, sendJson } from './http-io.ts';
import { createMessageAssembler } from './message-assembler.ts';
import { redactDeep } from './redact.ts';
import { createResponseStream } from './response-stream.ts';
import type { ProxyRuntime } from './runtime.ts';
import { pingFrame, sseFrame, sseHeaders } from './sse.ts';
import { findMessageTextCalls, leakedTokensOutsideCalls, textCallId, textCallRecords } from './text-call-records.ts';
import { textCallContext } from './text-calls/index.ts';
import { validateToolCall } from './tool-call-validation.ts';
import { createTurnTimer } from './turn-timer.ts';
import { readUpstreamText } from './upstream-client.ts';

export interface UpstreamTurn {
  origin: ExchangeOrigin;
  kind: ExchangeKind;
  request: MessagesRequest;
  /** The model name sent upstream. */
  model: string;
  rescue: boolean;
}

/** Runs the turn to completion (or client disconnect) and records it; never throws for upstream trouble. */
export async function runUpstreamTurn(rt: ProxyRuntime, turn: UpstreamTurn, res: ServerResponse): Promise<void> {
  const { origin, request } = turn;
  const stream = origin.stream;
  const timer = createTurnTimer(rt.clock);
  const cancel = createCancelToken();
  let clientAborted = false;
  res.on('close', () => {
    if (res.writableFinished) return;
    clientAborted = true;
    cancel.cancel();
  });

  const upstreamRequest: MessagesRequest = request.model === turn.model ? request : { ...request, model: turn.model };
  const settings = { ...rt.options.settings, modelOverride: turn.model };
  const tools = Array.isArray(request.tools) ? request.tools : [];
  const raw = createMessageAssembler(turn.model);
  const idFor = (n: number): string => textCallId(exchangeId(origin), n);
  const response = createResponseStream(tools, rt.aliases, rt.validator, { rescue: turn.rescue, textCallId: idFor });
  const sent = createMessageAssembler(turn.model);
  const rewrites: RewriteRecord[] = [];
  let upstreamUrl = rt.upstream.baseUrl;
  let serverTimings: ServerTimings | null = null;
  let failure: ApiError | null = null;
  let sawStop = false;

  // SSE headers go out when the upstream answers or when the first ping is due, whichever is
  // first: an upstream error before that still reaches the client with its real status.
  let wroteSinceTick = false;
  let bodyStarted = false;
  const openStream = (): void => {
    if (res.headersSent) return;
    res.writeHead(200, sseHeaders);
    // Sent alone only if no event follows in this turn of the event loop; otherwise the headers
    // travel with the first events in one packet.
    setImmediate(() => {
      if (!bodyStarted && !res.writableEnded && !res.destroyed) res.flushHeaders();
    });
  };
  // Events decoded from one upstream read leave in one socket write: the response is corked at
  // the first of them and uncorked once the read is handled (push decoders), or right after the I/O
  // phase (setImmediate) for a dialect with only an async decoder. Nothing ever waits for more
  // upstream bytes, and a burst of small upstream chunks costs one syscall. The first token is the
  // exception: it leaves at once, so the TTFT the client sees is not held up by the rest of a read.
  let corked = false;
  // Push decoders deliver every chunk of one upstream read synchronously; a microtask runs once
  // that read has been handled.
  const batching = rt.dialect.createDecoder !== undefined;
  let firstTokenOut = false;
  const flush = (): void => {
    if (!corked) return;
    corked = false;
    res.uncork();
  };
  const emit = (event: StreamEvent): void => {
    if (stream) {
      if (!corked) {
        corked = true;
        res.cork();
        if (batching) queueMicrotask(flush);
        else setImmediate(flush);
      }
      res.write(sseFrame(event));
      bodyStarted = true;
      wroteSinceTick = true;
      if (!firstTokenOut && event.type === 'content_block_delta' && isContentDelta(event)) {
        firstTokenOut = true;
        flush();
      }
    }
    sent.apply(event);
  };
  // One decoded event; false when the stream is over for this turn (an error, or the client left).
  const onEvent = (event: UpstreamEvent): boolean => {
    if (cancel.cancelled) return false;
    if (event.type === 'server_timings') {
      serverTimings = event.timings;
      return true;
    }
    if (event.type === 'content_block_delta' && isContentDelta(event)) timer.token();
    if (event.type === 'error') {
      failure = apiError(event.error.type, event.error.message);
      return false;
    }
    raw.apply(event);
    if (event.type === 'message_stop') sawStop = true;
    for (const out of response.push(event)) emit(out);
    return true;
  };
  // The push path: each upstream read is decoded and relayed synchronously as it arrives.
  const relay = (response: IncomingMessage, decoder: StreamDecoder): Promise<void> =>
    new Promise((resolve) => {
      let finished = false;
      const finish = (): void => {
        if (finished) return;
        finished = true;
        resolve();
      };
      const deliver = (events: readonly UpstreamEvent[]): void => {
        for (const event of events) {
          if (!onEvent(event)) {
            finish();
            return;
          }
        }
        if (decoder.done) finish();
      };
      // Runs in an emitter callback: a throw must end the turn, not escape and crash the proxy.
      const guarded = (work: () => void): void => {
        if (finished) return;
        try {
          work();
        } catch (error) {
          if (!cancel.cancelled) failure = apiError('api_error', `Upstream stream failed: ${(error as Error).message}`);
          finish();
        }
      };
      response.on('data', (chunk: Buffer) => guarded(() => deliver(decoder.push(chunk))));
      response.on('end', () =>
        guarded(() => {
          deliver(decoder.end());
          finish();
        }),
      );
      // Also after the turn finished: an 'error' with no listener would crash the proxy.
      response.on('error', (error) =>
        guarded(() => {
          if (!cancel.cancelled) deliver(decoder.end(error));
          finish();
        }),
      );
      response.on('close', () =>
        guarded(() => {
          if (!cancel.cancelled) deliver(decoder.end(new Error('the upstream closed the connection')));
          finish();
        }),
      );
    });
  const ping = stream
    ? setInterval(() => {
        if (!wroteSinceTick && !res.writableEnded && !res.destroyed) {
          openStream();
          bodyStarted = true;
          res.write(pingFrame);
        }
        wroteSinceTick = false;
      }, rt.options.pingIntervalMs)
    : null;

  const exchange = async (): Promise<void> => {
    if (cancel.cancelled) return; // left the queue before its turn
    timer.started();
    const { call, rewrites: notes } = rt.dialect.toUpstream(upstreamRequest, settings, origin.headers);
    for (const note of notes)
      rewrites.push({
        kind: note.kind,
        where: 'request',
        before: redactDeep(note.before),
        after: redactDeep(note.after),
        reason: note.reason,
      });
    upstreamUrl = rt.upstream.urlFor(call.path);

    let response: IncomingMessage;
    try {
      response = await rt.upstream.send(call, { cancel, onSent: timer.sent });
    } catch (error) {
      if (!cancel.cancelled) failure = unreachable(upstreamUrl, error);
      return;
    }
    const status = response.statusCode ?? 0;
    if (status < 200 || status >= 300) {
      const text = await readUpstreamText(response).catch(() => '');
      failure = rt.dialect.decodeError(status, text);
      return;
    }
    if (stream) openStream();
    const decoder = rt.dialect.createDecoder?.(upstreamRequest);
    if (decoder !== undefined) await relay(response, decoder);
    else {
      try {
        for await (const event of rt.dialect.decodeStream(upstreamBody(response), upstreamRequest)) {
          if (!onEvent(event)) break;
        }
      } catch (error) {
        if (!cancel.cancelled) failure = apiError('api_error', `Upstream stream failed: ${(error as Error).message}`);
      }
    }
    cancel.onCancel(null);
    // After message_stop the rest is drained so the keep-alive socket can be reused; after an
    // error the connection is dropped, which also stops a backend still generating.
    if (failure === null) response.resume();
    else response.destroy();
    if (failure === null && !sawStop && !cancel.cancelled) {
      failure = apiError(
        'api_error',
        `Upstream stream from ${upstreamUrl} ended before message_stop (truncated); the turn is incomplete.`,
      );
    }
  };

  timer.queued();
  try {
    await rt.slots(exchange);
  } catch (error) {
    // A dialect that throws while building the call is a proxy bug; the client still gets an answer.
    failure = apiError('api_error', `Proxy failed to handle the request: ${(error as Error).message}`);
    rt.logger.warn(`proxy: ${(error as Error).stack ?? String(error)}`);
  } finally {
    timer.ended();
    if (ping !== null) clearInterval(ping);
  }

  if (!clientAborted) {
    if (failure !== null) answerError(res, stream, failure);
    else if (stream) res.end();
    else {
      const message = sent.message();
      if (message === null) answerError(res, false, apiError('api_error', 'Upstream sent no message.'));
      else sendJson(res, 200, message);
    }
  }

  const toolCalls: ToolCallRecord[] = raw.toolCalls().map((call) => {
    const record: ToolCallRecord = {
      id: call.id,
      name: call.name,
      input: call.parseError === null ? call.input : call.rawJson,
      offered: tools.some((tool) => tool.name === call.name),
      validation: validateToolCall(call, tools, rt.validator),
    };
    const rescued = response.rescued.get(call.index);
    if (rescued !== undefined) record.rescued = rescued;
    return record;
  });
  const textCalls = findMessageTextCalls(raw.message(), textCallContext(tools, rt.aliases), idFor);
  toolCalls.push(...textCallRecords(textCalls, tools, rt.validator, response.lifted));
  const leakedTokens = leakedTokensOutsideCalls(raw.message(), textCalls);
  rewrites.push(...response.rewrites());
  const outputTokens = raw.reportedOutputTokens();
  rt.recorder.record(
    origin.session,
    exchangeRecord(origin, turn.kind, {
      route: 'upstream',
      upstream: { dialect: rt.dialect.kind, url: upstreamUrl, model: turn.model },
      response: sent.message(),
      error: failure,
      stopReason: raw.stopReason(),
      usage: { inputTokens: raw.reportedInputTokens(), outputTokens },
      timings: timer.timings(outputTokens),
      serverTimings,
      toolCalls,
      rewrites,
      leakedTokens,
      clientAborted,
    }),
  );
}

/**
 * The upstream body for the dialect. A dialect stops reading at message_stop; the default
 * iterator would then destroy the response and with it the keep-alive socket (a new TCP
 * connection per turn), so this one does not.
 */
function upstreamBody(response: IncomingMessage): AsyncIterable<Uint8Array> {
  const source = response.iterator({ destroyOnReturn: false }) as AsyncIterator<Uint8Array>;
  return { [Symbol.asyncIterator]: () => source };
}

function isContentDelta(event: Extract<StreamEvent, { type: 'content_block_delta' }>): boolean {
  const delta = event.delta;
  switch (delta.type) {
    case 'text_delta':
      return delta.text !== '';
    case 'thinking_delta':
      return delta.thinking !== '';
    case 'input_json_delta':
      return delta.partial_json !== '';
    default:
      return false;
  }
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
