import { describe, expect, it } from 'vitest';
import { stopDetail } from './stop-detail.ts';

describe('stopDetail', () => {
  it.each([
    ['max_tokens', 1024, { kind: 'output_limit', outputTokens: 1024, maxTokens: 1024 }],
    ['max_tokens', 95, { kind: 'context_exhausted', outputTokens: 95, maxTokens: 1024, promptTokens: 4000 }],
    ['end_turn', 95, undefined],
  ] as const)('a %s stop after %i of 1024 tokens', (reason, output, expected) => {
    expect(stopDetail(reason, { outputTokens: output, promptTokens: 4000 }, 1024)).toEqual(expected);
  });

  it('says nothing when the output count was not reported', () => {
    expect(stopDetail('max_tokens', { outputTokens: null, promptTokens: null }, 1024)).toBeUndefined();
  });
});
