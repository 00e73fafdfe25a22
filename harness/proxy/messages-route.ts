/**
 * `POST /v1/messages`: parse once, recognise housekeeping, then answer locally or run the turn
 * upstream. `claude-*` model names are mapped to the configured model.
 */
import type { ServerResponse } from 'node:http';
import type { MessagesRequest } from '../core/messages.ts';
import { apiError } from './api-error.ts';
import { estimateInputTokens } from './count-tokens.ts';
import { type ExchangeOrigin, exchangeRecord } from './exchange-record.ts';
import { detectHousekeeping, type HousekeepingKind, housekeepingTarget, localAnswerText } from './housekeeping.ts';
import { sendError, sendJson } from './http-io.ts';
import { localMessage, messageEvents } from './local-message.ts';
import { conversationKey, type LoopStop } from './loop-tracker.ts';
import type { ProxyRuntime } from './runtime.ts';
import { sseFrame, sseHeaders } from './sse.ts';
import { createTurnTimer } from './turn-timer.ts';
import { runUpstreamTurn } from './upstream-turn.ts';

/** Handles one messages request whose body has been read. */
export async function handleMessages(
  rt: ProxyRuntime,
  origin: ExchangeOrigin,
  bodyText: string,
  res: ServerResponse,
): Promise<void> {
  const parsed = parseMessagesRequest(bodyText);
  origin.body = parsed.ok ? parsed.request : bodyText;
  if (!parsed.ok) {
    const error = apiError('invalid_request_error', parsed.error);
    sendError(res, error);
    rt.recorder.record(origin.session, exchangeRecord(origin, 'model', { route: 'local', error }));
    return;
  }
  const request = parsed.request;
  origin.stream = request.stream === true;
  const rescue = origin.session.rescue ?? rt.options.rescue;
  const modelUnderTest = rt.options.settings.modelOverride;
  const conversation = conversationKey(request);

  const housekeeping = detectHousekeeping(request);
  if (housekeeping === null) {
    const stopped = origin.session.loops.stoppedFor(conversation);
    if (stopped !== null) {
      refuseStoppedLoop(rt, origin, stopped, res);
      return;
    }
    const model = upstreamModel(request.model, modelUnderTest);
    await runUpstreamTurn(rt, { origin, kind: 'model', request, model, rescue, conversation }, res);
    return;
  }
  const target = housekeepingTarget(rt.options.housekeeping, request, modelUnderTest);
  if (target.kind === 'local') {
    answerLocally(rt, origin, request, housekeeping, res);
    return;
  }
  const model = target.model ?? upstreamModel(request.model, modelUnderTest);
  await runUpstreamTurn(rt, { origin, kind: 'housekeeping', request, model, rescue, conversation }, res);
}

/** A later request of a conversation the proxy stopped for looping: a 400 that says why. */
function refuseStoppedLoop(rt: ProxyRuntime, origin: ExchangeOrigin, stop: LoopStop, res: ServerResponse): void {
  const what = { call: 'tool call', text: 'text', stream: 'line or sentence inside one answer' }[stop.loop.what];
  const error = apiError(
    'invalid_request_error',
    `The harness stopped this conversation: the model repeated the same ${what} ${stop.loop.count} times in a row ` +
      `(${stop.loop.signature.slice(0, 120)}). The proxy's loop limit is ${rt.options.loopLimit} (0: never stop).`,
  );
  sendError(res, error);
  rt.recorder.record(origin.session, exchangeRecord(origin, 'model', { route: 'local', error }));
}

/** The model sent upstream: the configured one for any `claude-*` name (and whenever one is configured). */
export function upstreamModel(requested: string, configured: string | null): string {
  return configured ?? requested;
}

function answerLocally(
  rt: ProxyRuntime,
  origin: ExchangeOrigin,
  request: MessagesRequest,
  kind: HousekeepingKind,
  res: ServerResponse,
): void {
  const timer = createTurnTimer(rt.clock);
  const message = localMessage(request.model, localAnswerText(kind), estimateInputTokens(request));
  if (origin.stream) {
    res.writeHead(200, sseHeaders);
    res.end(messageEvents(message).map(sseFrame).join(''));
  } else {
    sendJson(res, 200, message);
  }
  timer.ended();
  rt.recorder.record(
    origin.session,
    exchangeRecord(origin, 'housekeeping', {
      route: 'local',
      response: message,
      stopReason: message.stop_reason,
      usage: { inputTokens: message.usage.input_tokens, outputTokens: message.usage.output_tokens },
      timings: timer.timings(null),
    }),
  );
}

type ParsedRequest = { ok: true; request: MessagesRequest } | { ok: false; error: string };

/** The body as a MessagesRequest, or what is wrong with it. */
export function parseMessagesRequest(bodyText: string): ParsedRequest {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch (error) {
    return {
      ok: false,
      error: `Request body is not valid JSON (${(error as Error).message}); send an Anthropic Messages request.`,
    };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { ok: false, error: 'Request body must be a JSON object (an Anthropic Messages request).' };
  const request = body as MessagesRequest;
  if (!Array.isArray(request.messages))
    return { ok: false, error: 'messages: field required (an array of {role, content}).' };
  if (typeof request.model !== 'string') return { ok: false, error: 'model: field required (a string).' };
  return { ok: true, request };
}
