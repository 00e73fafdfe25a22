import { describe, expect, it } from 'vitest';
import type { Clock } from '../core/context.ts';
import { createTurnTimer } from './turn-timer.ts';

function fakeClock(): Clock & { set(ms: number): void } {
  let now = 0;
  return {
    now: () => now,
    set: (ms) => {
      now = ms;
    },
  };
}

describe('createTurnTimer', () => {
  it('separates queue wait from TTFT and computes decode rate from upstream usage', () => {
    const clock = fakeClock();
    const timer = createTurnTimer(clock);
    clock.set(10);
    timer.queued();
    clock.set(60);
    timer.started();
    clock.set(61);
    timer.sent();
    for (const at of [161, 171, 181, 191, 201]) {
      clock.set(at);
      timer.token('text');
    }
    clock.set(205);
    timer.ended();
    // 9 tokens reported over 40 ms after the first: (9 - 1) / 0.04 s = 200 tok/s.
    expect(timer.timings(9)).toEqual({
      queueMs: 50,
      ttftMs: 100,
      decodeTokensPerSec: 200,
      firstTextMs: 100,
      firstToolCallMs: null,
      responseMs: 144,
      lastTokenOffsetMs: 140,
      deltaCount: 5,
    });
  });

  it('falls back to the number of deltas when the upstream gives no usage', () => {
    const clock = fakeClock();
    const timer = createTurnTimer(clock);
    timer.sent();
    for (const at of [20, 30, 40]) {
      clock.set(at);
      timer.token('text');
    }
    expect(timer.timings(null).decodeTokensPerSec).toBe(100);
    expect(timer.timings(0).decodeTokensPerSec).toBe(100);
  });

  it.each([
    ['a single token', [50], 1],
    ['no token at all', [], null],
    ['tokens that all arrived at once', [50, 50, 50], 3],
  ])('leaves the decode rate undefined for %s', (_label, at, reported) => {
    const clock = fakeClock();
    const timer = createTurnTimer(clock);
    timer.sent();
    for (const t of at) {
      clock.set(t);
      timer.token('text');
    }
    const timings = timer.timings(reported);
    expect(timings.decodeTokensPerSec).toBeNull();
    expect(timings.ttftMs).toBe(at.length === 0 ? null : 50);
  });

  it('counts the whole wait as queue time for a request that never got a slot', () => {
    const clock = fakeClock();
    const timer = createTurnTimer(clock);
    clock.set(5);
    timer.queued();
    clock.set(45);
    timer.ended();
    expect(timer.timings(null)).toMatchObject({ queueMs: 40, ttftMs: null, decodeTokensPerSec: null });
  });
  it.each([
    // [label, marks (ms after sending), ttft, first text, first tool call]
    ['a text-only turn', [[40, 'text']], 40, 40, null],
    [
      'a bare tool call whose name streams first',
      [
        [70, 'start'],
        [75, 'tool_args'],
      ],
      70,
      null,
      70,
    ],
    ['a tool call sent whole (start only, no argument deltas)', [[90, 'start']], 90, null, 90],
    [
      'reasoning, then a tool call',
      [
        [30, 'text'],
        [200, 'start'],
        [210, 'tool_args'],
      ],
      30,
      30,
      200,
    ],
    [
      'argument bytes before any block start',
      [
        [55, 'tool_args'],
        [60, 'text'],
      ],
      55,
      60,
      55,
    ],
  ] as const)('times %s: TTFT is the first content of any kind', (_label, marks, ttft, firstText, firstTool) => {
    const clock = fakeClock();
    const timer = createTurnTimer(clock);
    timer.sent();
    for (const [at, kind] of marks) {
      clock.set(at);
      if (kind === 'start') timer.toolCallStarted();
      else timer.token(kind);
    }
    expect(timer.timings(null)).toMatchObject({ ttftMs: ttft, firstTextMs: firstText, firstToolCallMs: firstTool });
  });
});
