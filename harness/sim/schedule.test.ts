import { describe, expect, it } from 'vitest';
import { systemClock } from '../core/context.ts';
import { planReply } from './plan.ts';
import type { Schedule } from './schedule.ts';
import { msToNs, runSchedule, serverReport, tokenDeadline } from './schedule.ts';

const timing = { ttftMs: 800, tokensPerSec: 40, loadMs: 200 };

describe('the emission schedule', () => {
  it.each([
    [0, 1000 + 800],
    [1, 1000 + 825],
    [119, 1000 + 800 + 119 * 25],
  ])('puts token %i at receivedAt + ttft + i × interval', (index, expected) => {
    const schedule: Schedule = { receivedAt: 1000, timing, timeScale: 1, clock: systemClock };
    expect(tokenDeadline(schedule, index)).toBeCloseTo(expected, 9);
  });

  it('scales every wait by timeScale', () => {
    expect(tokenDeadline({ receivedAt: 1000, timing, timeScale: 0, clock: systemClock }, 50)).toBe(1000);
    expect(tokenDeadline({ receivedAt: 1000, timing, timeScale: 0.5, clock: systemClock }, 4)).toBeCloseTo(
      1000 + 450,
      9,
    );
  });

  it('reports what it scheduled: prefill apart from load, decode = n × interval', () => {
    const report = serverReport(timing, 120, 37);
    expect(report).toEqual({
      promptTokens: 37,
      outputTokens: 120,
      loadMs: 200,
      prefillMs: 600,
      decodeMs: 3000,
      totalMs: 3800,
      tokensPerSec: 40,
    });
    expect((report.outputTokens / msToNs(report.decodeMs)) * 1e9).toBe(40);
  });

  it('emits tokens no earlier than their deadlines and stops when aborted', async () => {
    const plan = planReply([{ type: 'text', text: 'x'.repeat(40) }], { budget: null, makeToolId: () => 'id' });
    const fast = { ttftMs: 20, tokensPerSec: 200, loadMs: 0 };
    const schedule: Schedule = { receivedAt: systemClock.now(), timing: fast, timeScale: 1, clock: systemClock };
    const lateness: number[] = [];
    const completed = await runSchedule(plan, schedule, new AbortController().signal, async (_token, i) => {
      lateness.push(systemClock.now() - tokenDeadline(schedule, i));
    });
    expect(completed).toBe(true);
    expect(lateness).toHaveLength(10);
    for (const late of lateness) expect(late).toBeGreaterThanOrEqual(-0.01);

    const controller = new AbortController();
    let sent = 0;
    const aborted = await runSchedule(
      plan,
      { ...schedule, receivedAt: systemClock.now() },
      controller.signal,
      async () => {
        sent += 1;
        if (sent === 3) controller.abort();
      },
    );
    expect(aborted).toBe(false);
    expect(sent).toBe(3);
  });
});
