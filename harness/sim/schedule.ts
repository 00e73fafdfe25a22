/**
 * The absolute emission schedule. Token i goes out at receivedAt + ttftMs + i × 1000/tokensPerSec
 * (scaled by timeScale); each wait is for a deadline, not an interval, so a late timer never
 * drifts the rate. What the server reports about itself is computed from the same numbers.
 */
import type { Clock } from '../core/context.ts';
import type { PersonaTiming, Plan, PlannedToken } from './types.ts';

export interface Schedule {
  receivedAt: number;
  timing: PersonaTiming;
  /** 1 = real time; 0 = send everything at once (behaviour tests). Reported numbers never scale. */
  timeScale: number;
  clock: Clock;
}

/** Milliseconds between two tokens. */
export function tokenIntervalMs(timing: PersonaTiming): number {
  return 1000 / timing.tokensPerSec;
}

/** When token `index` is due; `index = n` is when the reply ends (one interval after the last token). */
export function tokenDeadline(schedule: Schedule, index: number): number {
  return schedule.receivedAt + schedule.timeScale * (schedule.timing.ttftMs + index * tokenIntervalMs(schedule.timing));
}

/** Resolves at `deadline` on `clock`, or at once when the deadline passed or `signal` aborts. */
export async function sleepUntil(deadline: number, clock: Clock, signal: AbortSignal): Promise<void> {
  // Timers may fire up to a millisecond early (the event loop caches its time), so check again.
  for (let delay = deadline - clock.now(); delay > 0 && !signal.aborted; delay = deadline - clock.now()) {
    await sleep(Math.ceil(delay), signal);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Calls `onToken` for every planned token at its deadline, then waits for the end deadline.
 * Returns false when `signal` aborted (the client went away) — generation stops there.
 */
export async function runSchedule(
  plan: Plan,
  schedule: Schedule,
  signal: AbortSignal,
  onToken: (token: PlannedToken, index: number) => Promise<void>,
): Promise<boolean> {
  for (const [index, token] of plan.tokens.entries()) {
    await sleepUntil(tokenDeadline(schedule, index), schedule.clock, signal);
    if (signal.aborted) return false;
    await onToken(token, index);
  }
  await sleepUntil(tokenDeadline(schedule, plan.tokens.length), schedule.clock, signal);
  return !signal.aborted;
}

/** What the sim says about its own work, equal to the schedule (nominal, never time-scaled). */
export interface ServerReport {
  promptTokens: number;
  outputTokens: number;
  loadMs: number;
  /** ttftMs − loadMs. */
  prefillMs: number;
  /** outputTokens × interval. */
  decodeMs: number;
  totalMs: number;
  tokensPerSec: number;
}

export function serverReport(timing: PersonaTiming, outputTokens: number, promptTokens: number): ServerReport {
  const prefillMs = timing.ttftMs - timing.loadMs;
  const decodeMs = outputTokens * tokenIntervalMs(timing);
  return {
    promptTokens,
    outputTokens,
    loadMs: timing.loadMs,
    prefillMs,
    decodeMs,
    totalMs: timing.loadMs + prefillMs + decodeMs,
    tokensPerSec: timing.tokensPerSec,
  };
}

/** Milliseconds → whole nanoseconds (Ollama durations). */
export function msToNs(ms: number): number {
  return Math.round(ms * 1e6);
}
