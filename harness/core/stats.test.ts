import { describe, expect, it } from 'vitest';
import { metricStats, quantile, sampleStddev } from './stats.ts';

describe('quantile', () => {
  it.each([
    { values: [5], q: 0.5, expected: 5 },
    { values: [1, 3], q: 0.5, expected: 2 },
    { values: [1, 2, 3, 4], q: 0.5, expected: 2.5 },
    // position (5 − 1) × 0.95 = 3.8 → 4 + 0.8 × (100 − 4) = 80.8
    { values: [1, 2, 3, 4, 100], q: 0.95, expected: 80.8 },
    { values: [10, 20], q: 0.95, expected: 19.5 },
  ])('interpolates the $q quantile of $values to $expected', ({ values, q, expected }) => {
    expect(quantile(values, q)).toBeCloseTo(expected, 10);
  });

  it('is null for no values', () => {
    expect(quantile([], 0.5)).toBeNull();
  });
});

describe('sampleStddev', () => {
  it.each([
    { values: [2, 4, 4, 4, 5, 5, 7, 9], expected: Math.sqrt(32 / 7) },
    { values: [1, 3], expected: Math.sqrt(2) },
    { values: [7, 7, 7], expected: 0 },
  ])('divides by n − 1 for $values', ({ values, expected }) => {
    expect(sampleStddev(values)).toBeCloseTo(expected, 10);
  });

  it('is null below two values', () => {
    expect(sampleStddev([3])).toBeNull();
  });
});

describe('metricStats', () => {
  it('ignores nulls and non-finite values', () => {
    expect(metricStats([3, null, 1, undefined, Number.NaN, 2])).toEqual({
      n: 3,
      median: 2,
      p95: 2.9,
      stddev: 1,
      min: 1,
      max: 3,
    });
  });

  it('reports n = 0 and nulls when nothing was measured', () => {
    expect(metricStats([null, null])).toEqual({ n: 0, median: null, p95: null, stddev: null, min: null, max: null });
  });
});
