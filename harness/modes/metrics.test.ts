import { describe, expect, it } from 'vitest';
import { ratePerSec, serverRates } from './metrics.ts';

describe('rates', () => {
  it.each([
    [100, 2000, 50],
    [0, 1000, null],
    [10, 0, null],
    [null, 1000, null],
    [10, null, null],
  ])('%s tokens in %s ms → %s tok/s', (tokens, ms, expected) => {
    expect(ratePerSec(tokens, ms)).toBe(expected);
  });

  it('keeps load time apart from decode and prefill rates', () => {
    const rates = serverRates({
      decodeTokens: 400,
      decodeMs: 10_000,
      prefillTokens: 1000,
      prefillMs: 500,
      loadMs: 7000,
    });
    expect(rates).toEqual({ decode: 40, prefill: 2000, loadMs: 7000 });
  });
});
