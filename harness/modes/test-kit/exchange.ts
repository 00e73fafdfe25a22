/** A model exchange record for tests of the code that reads records (metrics, evidence). */
import type { ExchangeRecord, TurnTimings } from '../../core/exchange.ts';

export type ExchangeOverrides = Partial<Omit<ExchangeRecord, 'timings'>> & { timings?: Partial<TurnTimings> };

let counter = 0;

/** A completed one-turn model exchange with `overrides` applied; ids are unique per call. */
export function modelExchange(overrides: ExchangeOverrides = {}): ExchangeRecord {
  counter += 1;
  const { timings, ...rest } = overrides;
  return {
    id: `ex-${counter}`,
    sessionId: 'session',
    seq: counter,
    startedAt: '2026-04-07T10:00:00.000Z',
    kind: 'model',
    route: 'upstream',
    stream: true,
    request: { path: '/v1/messages', headers: {}, body: { model: 'm', messages: [] } },
    upstream: { dialect: 'anthropic', url: 'http://127.0.0.1:1', model: 'm' },
    response: null,
    error: null,
    stopReason: 'end_turn',
    usage: { inputTokens: 100, outputTokens: 11 },
    serverTimings: null,
    toolCalls: [],
    rewrites: [],
    leakedTokens: [],
    clientAborted: false,
    stopDetail: null,
    reasoningChars: 0,
    context: { state: 'fits', sentEstimate: 100, serverInputTokens: 100, contextTokens: null },
    loop: null,
    ...rest,
    timings: {
      queueMs: 0,
      ttftMs: 100,
      decodeTokensPerSec: null,
      firstTextMs: 100,
      firstToolCallMs: null,
      responseMs: 1100,
      lastTokenOffsetMs: 1100,
      deltaCount: 11,
      ...timings,
    },
  };
}
