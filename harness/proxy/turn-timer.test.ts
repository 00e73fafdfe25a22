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
      timer.token();
    }
    clock.set(205);
    timer.ended();
    // 9 tokens reported over 40 ms after the first: (9 - 1) / 0.04 s = 200 tok/s.
    expect(timer.timings(9)).toEqual({
      queueMs: 50,
      ttftMs: 100,
      decodeTokensPerSec: 200,
      totalMs: 144,
      firstTokenOffsetMs: 100,
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
      timer.token();
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
      timer.token();
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
});
