/**
 * `POST /v1/messages/count_tokens`: forwarded when the dialect has a native endpoint and it
 * answers 2xx; otherwise a local estimate. Never a 404 (Claude Code treats that as a broken model).
 */
import type { ServerResponse } from 'node:http';
import type { MessagesRequest } from '../core/messages.ts';
import { apiError } from './api-error.ts';
import { estimateInputTokens } from './count-tokens.ts';
import { type ExchangeOrigin, exchangeRecord } from './exchange-record.ts';
import { sendError, sendJson } from './http-io.ts';
import { parseMessagesRequest, upstreamModel } from './messages-route.ts';
import type { ProxyRuntime } from './runtime.ts';
import { createTurnTimer } from './turn-timer.ts';
import { readUpstreamText } from './upstream-client.ts';

const countTimeoutMs = 10_000;

/** Answers `{input_tokens}` and records a `count_tokens` exchange. Takes no upstream slot. */
export async function handleCountTokens(
  rt: ProxyRuntime,
  origin: ExchangeOrigin,
  bodyText: string,
  res: ServerResponse,
): Promise<void> {
  const timer = createTurnTimer(rt.clock);
  // count_tokens bodies carry no max_tokens; the parser only needs model and messages.
  const parsed = parseMessagesRequest(bodyText);
  origin.body = parsed.ok ? parsed.request : bodyText;
  if (!parsed.ok) {
    const error = apiError('invalid_request_error', parsed.error);
    sendError(res, error);
    rt.recorder.record(origin.session, exchangeRecord(origin, 'count_tokens', { error }));
    return;
  }
  const request = parsed.request;
  const model = upstreamModel(request.model, rt.options.settings.modelOverride);
  const path = rt.dialect.countTokensPath;
  let upstreamCount: number | null = null;
  if (path !== null) {
    timer.sent();
    upstreamCount = await forwardCount(rt, path, { ...request, model }, origin.headers);
  }
  const inputTokens = upstreamCount ?? estimateInputTokens(request);
  sendJson(res, 200, { input_tokens: inputTokens });
  timer.ended();
  rt.recorder.record(
    origin.session,
    exchangeRecord(origin, 'count_tokens', {
      route: upstreamCount === null ? 'local' : 'upstream',
      upstream:
        upstreamCount === null || path === null
          ? null
          : { dialect: rt.dialect.kind, url: rt.upstream.urlFor(path), model },
      usage: { inputTokens, outputTokens: null },
      timings: timer.timings(null),
    }),
  );
}

async function forwardCount(
  rt: ProxyRuntime,
  path: string,
  request: MessagesRequest,
  headers: Record<string, string>,
): Promise<number | null> {
  try {
    const settings = { ...rt.options.settings, modelOverride: request.model };
    // The dialect builds the request as it would for a turn: fields strict backends reject
    // stripped, credentials replaced, betas dropped (vLLM refuses unknown block types, for one).
    // count_tokens bodies carry no max_tokens; the turn the dialect builds needs one.
    const maxTokens = typeof request.max_tokens === 'number' ? request.max_tokens : 1;
    const { call } = rt.dialect.toUpstream({ ...request, max_tokens: maxTokens }, settings, headers);
    const body = countBody(call.body, request);
    const response = await rt.upstream.send({ path, headers: call.headers, body }, { timeoutMs: countTimeoutMs });
    const text = await readUpstreamText(response);
    if ((response.statusCode ?? 0) < 200 || (response.statusCode ?? 0) >= 300) return null;
    const answer: unknown = JSON.parse(text);
    const count = (answer as { input_tokens?: unknown } | null)?.input_tokens;
    return typeof count === 'number' && Number.isFinite(count) ? count : null;
  } catch {
    return null;
  }
}

/** The turn body the dialect built, without what only a turn has (`stream`, and `max_tokens` unless sent). */
export function countBody(turnBody: string, request: MessagesRequest): string {
  const { stream: _stream, max_tokens, ...rest } = JSON.parse(turnBody) as MessagesRequest;
  return JSON.stringify(Object.hasOwn(request, 'max_tokens') ? { ...rest, max_tokens } : rest);
}
