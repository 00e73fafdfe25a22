import { describe, expect, it } from 'vitest';
import { checkContext } from './context-check.ts';

describe('checkContext', () => {
  it.each([
    // Ollama's 4096-token default cut a ~15,750-token Claude Code prompt: prompt_eval_count 2051 of 4096
    // (interop-audit.md item 1; Ollama server/prompt.go drops messages from the front).
    ['Ollama 4096 cut of a 15,750-token prompt', 15_750, 2051, 4096, 'truncated', 'far_below_sent'],
    ['the same cut with the context size unknown', 15_750, 2051, null, 'truncated', 'far_below_sent'],
    ['a server that keeps exactly its 4096-token context', 14_000, 4096, 4096, 'truncated', 'at_context_limit'],
    ['a prompt cut to just under an 8192 context', 9000, 8150, 8192, 'truncated', 'at_context_limit'],
    ['a 14K prompt whose server count is 20% lower', 14_000, 11_200, 32_768, 'fits', null],
    ['a 14K prompt whose server count is 20% higher', 14_000, 16_800, 32_768, 'fits', null],
    ['a 14K prompt 20% off with no known context', 14_000, 11_200, null, 'fits', null],
    ['a 14K prompt 30% lower (the tokenizer spread)', 14_000, 9800, null, 'fits', null],
    ['a prompt that fits just under the context', 8000, 8000, 8192, 'fits', null],
    ['a small prompt whose count is far off', 300, 90, 4096, 'fits', null],
  ] as const)('%s: sent %i, server %i, context %s → %s', (_label, sent, server, context, state, basis) => {
    const check = checkContext({ sentEstimate: sent, serverInputTokens: server, contextTokens: context });
    expect(check.state).toBe(state);
    if (check.state === 'truncated') {
      expect(check.basis).toBe(basis);
      expect(check).toMatchObject({ sentEstimate: sent, serverInputTokens: server, contextTokens: context });
    }
  });

  it('cannot judge an exchange whose server reported no input tokens', () => {
    expect(checkContext({ sentEstimate: 14_000, serverInputTokens: null, contextTokens: 4096 })).toEqual({
      state: 'unknown',
      reason: 'no_server_count',
    });
  });
});
