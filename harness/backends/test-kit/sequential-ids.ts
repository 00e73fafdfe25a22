/** Deterministic decoder ids for tests and fixtures. */
import type { IdSource } from '../shared/ids.ts';

/** Deterministic ids (`toolu_1`, `msg_1`, …): each call starts its own counters. */
export function sequentialIds(): IdSource {
  const counters = new Map<string, number>();
  return (prefix) => {
    const next = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, next);
    return `${prefix}${next}`;
  };
}
