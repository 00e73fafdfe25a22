import { describe, expect, it } from 'vitest';
import {
  cachedTokensFromUsage,
  llamaServerTimings,
  mergeServerTimings,
  noServerTimings,
  ollamaServerTimings,
} from './server-timings.ts';

describe('ollamaServerTimings', () => {
  it('converts nanoseconds and marks the prefill count as including cache hits', () => {
    expect(
      ollamaServerTimings({
        eval_count: 10,
        eval_duration: 200_000_000,
        prompt_eval_count: 24_000,
        prompt_eval_duration: 150_000_000,
        load_duration: 2_500_000,
      }),
    ).toEqual({
      decodeTokens: 10,
      decodeMs: 200,
      prefillTokens: 24_000,
      prefillMs: 150,
      loadMs: 2.5,
      cachedPromptTokens: null,
      prefillScope: 'includes_cache_hits',
    });
  });

  it('reads an omitted field of the final line as a reported zero (Ollama omits zeros)', () => {
    expect(ollamaServerTimings({ eval_count: 3, eval_duration: 3_000_000 })).toMatchObject({
      loadMs: 0,
      prefillTokens: 0,
    });
  });
});

describe('llamaServerTimings', () => {
  it('keeps the cached count apart from the evaluated prompt tokens', () => {
    expect(
      llamaServerTimings({ cache_n: 3900, prompt_n: 100, prompt_ms: 40, predicted_n: 5, predicted_ms: 50 }),
    ).toEqual({
      decodeTokens: 5,
      decodeMs: 50,
      prefillTokens: 100,
      prefillMs: 40,
      loadMs: null,
      cachedPromptTokens: 3900,
      prefillScope: 'uncached',
    });
  });

  it.each([undefined, {}, 'x'])('is null for %o', (value) => {
    expect(llamaServerTimings(value)).toBeNull();
  });
});

describe('cachedTokensFromUsage', () => {
  it.each([
    [{ prompt_tokens: 10, prompt_tokens_details: { cached_tokens: 8 } }, 8],
    [{ input_tokens: 1, cache_read_input_tokens: 28 }, 28],
    [{ prompt_tokens: 10 }, null],
    [null, null],
  ])('reads %o', (usage, expected) => {
    expect(cachedTokensFromUsage(usage)).toBe(expected);
  });
});

describe('mergeServerTimings', () => {
  it('keeps what either side reported, the later side winning', () => {
    const llama = llamaServerTimings({ prompt_n: 1, prompt_ms: 2, predicted_n: 3, predicted_ms: 4 });
    expect(mergeServerTimings({ ...noServerTimings, cachedPromptTokens: 7 }, llama)).toEqual({
      ...llama,
      cachedPromptTokens: 7,
    });
    expect(mergeServerTimings(null, llama)).toBe(llama);
  });
});
