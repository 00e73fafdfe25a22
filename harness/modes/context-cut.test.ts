import { describe, expect, it } from 'vitest';
import type { ContextCheck } from '../core/exchange.ts';
import { contextCutEvidence, contextFixes } from './context-cut.ts';
import { modelExchange } from './test-kit/exchange.ts';

const cut: ContextCheck = {
  state: 'truncated',
  sentEstimate: 14_200,
  serverInputTokens: 4096,
  contextTokens: 4096,
  basis: 'at_context_limit',
};

describe('contextCutEvidence', () => {
  it('is null when no exchange shows a cut', () => {
    expect(contextCutEvidence([modelExchange(), modelExchange()], null)).toBeNull();
  });

  it('quotes both numbers from the first cut exchange, with that server’s fix when the preflight knew it', () => {
    const exchanges = [modelExchange(), modelExchange({ id: 'cut-1', context: cut })];
    const fix = 'Restart vLLM with --max-model-len 32768.';
    const found = contextCutEvidence(exchanges, fix);
    expect(found?.message).toBe(
      'the server processed 4096 input tokens of a 4096-token context; the harness sent about 14200: the prompt was cut (the count sits at the server’s context limit). Restart vLLM with --max-model-len 32768.',
    );
    expect(found?.evidence).toEqual([
      {
        kind: 'context_truncated',
        quote: 'sent ≈ 14200 tokens; server input tokens 4096 of a 4096-token context',
        shows:
          'the server cut the prompt to fit its context window (the count sits at the server’s context limit). Restart vLLM with --max-model-len 32768.',
        source: 'cut-1',
      },
    ]);
  });

  it('names every backend’s fix when the server’s own is not known', () => {
    const found = contextCutEvidence(
      [modelExchange({ context: { ...cut, contextTokens: null, basis: 'far_below_sent' } })],
      null,
    );
    expect(found?.message).toContain(`(the count is far below what was sent). ${contextFixes}`);
    expect(found?.message).not.toContain('-token context');
  });
});
