import { describe, expect, it } from 'vitest';
import type { Clock } from '../core/context.ts';
import { createMessageAssembler } from './message-assembler.ts';
import { createResponseStream } from './response-stream.ts';
import { createSchemaValidator } from './schema-validator.ts';
import { createSseWriter } from './sse-writer.ts';
import { messageStart, textMessage, toolMessage } from './test-kit/fake-upstream.ts';
import { RecordingSink } from './test-kit/recording-sink.ts';
import { parseSseFrames } from './test-kit/sse-client.ts';
import { createTurnStream, type TurnStreamParts } from './turn-stream.ts';
import { createTurnTimer } from './turn-timer.ts';

function steppingClock(): Clock {
  let now = 0;
  return { now: () => (now += 10) };
}

function turnStream(overrides: Partial<TurnStreamParts> = {}) {
  const sink = new RecordingSink();
  const writer = createSseWriter(sink, { batchEnd: 'microtask', pingIntervalMs: 60_000 });
  const raw = createMessageAssembler('local-model');
  const timer = createTurnTimer(steppingClock());
  timer.sent();
  const sent = createMessageAssembler('local-model');
  const response = createResponseStream([], { tools: {}, params: {}, paramsByTool: {} }, createSchemaValidator(), {
    rescue: false,
  });
  const stream = createTurnStream({
    ...{ timer, raw, sent, response, writer },
    repetitionLimit: 16,
    ...overrides,
  });
  const frames = async () => {
    await new Promise((resolve) => setImmediate(resolve));
    writer.stop();
    return parseSseFrames(sink.writes.join(''));
  };
  return { stream, raw, sent, timer, frames };
}

describe('createTurnStream', () => {
  it('relays the events, and keeps the harness-only stop detail out of the client stream', async () => {
    const { stream, raw, frames } = turnStream();
    const detail = { kind: 'context_exhausted' as const, outputTokens: 90, maxTokens: 4096, promptTokens: 4000 };
    const events = textMessage(['hi'], { stopReason: 'max_tokens' }).map((event) =>
      event.type === 'message_delta' ? { ...event, stop_detail: detail } : event,
    );
    for (const event of events) stream.push(event);
    const seen = await frames();
    expect(seen.map((f) => f.event)).toEqual(events.map((e) => e.type));
    expect(seen.find((f) => f.event === 'message_delta')?.data).not.toHaveProperty('stop_detail');
    expect(raw.stopDetail()).toEqual(detail);
    expect(stream.sawStop).toBe(true);
  });

  it('keeps the category of an upstream error event', () => {
    const { stream } = turnStream();
    stream.push(messageStart('m'));
    const error = {
      type: 'invalid_request_error' as const,
      message: 'prompt is too long',
      category: 'prompt_too_long' as const,
    };
    expect(stream.push({ type: 'error', error })).toBe(false);
    expect(stream.failure).toEqual({ status: 400, ...error });
  });

  it('keeps server timings out of the client stream and stops at an upstream error', async () => {
    const { stream, frames } = turnStream();
    const timings = { decodeTokens: 3, decodeMs: 30, prefillTokens: 10, prefillMs: 5, loadMs: null };
    expect(stream.push(messageStart('m'))).toBe(true);
    expect(stream.push({ type: 'server_timings', timings })).toBe(true);
    expect(stream.push({ type: 'error', error: { type: 'overloaded_error', message: 'busy' } })).toBe(false);
    expect(stream.serverTimings).toEqual(timings);
    expect(stream.failure).toEqual({ status: 529, type: 'overloaded_error', message: 'busy' });
    expect((await frames()).map((f) => f.event)).toEqual(['message_start']);
  });

  it('times a bare tool call from its block start', () => {
    const { stream, timer } = turnStream();
    for (const event of toolMessage([{ name: 'Write', json: ['{"file_path":', '"a.py"}'] }])) stream.push(event);
    const timings = timer.timings(null);
    expect(timings.firstTextMs).toBeNull();
    expect(timings.firstToolCallMs).toBe(timings.ttftMs);
    expect(timings.ttftMs).not.toBeNull();
  });

  it('stops a degenerate repetition and closes the message so the client gets a well-formed end', async () => {
    const { stream, sent, frames } = turnStream();
    const line = 'I need to investigate this. Let me just paste the message.\n';
    const events = textMessage(Array.from({ length: 40 }, () => line));
    let pushed = 0;
    for (const event of events) {
      pushed += 1;
      if (!stream.push(event)) break;
    }
    expect(pushed).toBeLessThan(events.length);
    expect(stream.repetition).toMatchObject({ count: 16 });
    stream.closeMessage();
    const seen = await frames();
    expect(seen.slice(-3).map((f) => f.event)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
    expect(seen.at(-2)?.data).toMatchObject({ delta: { stop_reason: 'end_turn' } });
    expect(sent.stopReason()).toBe('end_turn');
  });

  it('never stops a repetition with the limit at 0', () => {
    const { stream } = turnStream({ repetitionLimit: 0 });
    const events = textMessage(Array.from({ length: 40 }, () => 'The same long sentence, over and over.\n'));
    expect(events.every((event) => stream.push(event))).toBe(true);
  });
});
