import { describe, expect, it } from 'vitest';
import { fitContext } from './generate.ts';
import { conversation, lruPrompt } from './test-kit/conversations.ts';
import { estimateInputTokens } from './tokens.ts';

describe('fitContext (Ollama num_ctx)', () => {
  it('changes nothing without a context window', () => {
    const c = { ...conversation(lruPrompt), maxTokens: 100 };
    expect(fitContext(c)).toEqual({ seen: c, promptTokens: estimateInputTokens(c), budget: 100 });
  });

  it('caps the output at what is left of the window', () => {
    const c = { ...conversation(lruPrompt, { tools: [] }), maxTokens: 10_000, numCtx: 1000 };
    const fitted = fitContext(c);
    expect(fitted.promptTokens).toBe(estimateInputTokens(c));
    expect(fitted.budget).toBe(1000 - fitted.promptTokens);
  });

  it('drops the oldest messages when the prompt does not fit, so the task can be lost', () => {
    const base = conversation(lruPrompt, {
      tools: [],
      history: [{ name: 'Bash', input: { command: 'ls' }, result: 'x'.repeat(2200) }],
    });
    const c = { ...base, numCtx: 600 };
    const fitted = fitContext(c);
    expect(fitted.promptTokens).toBeLessThanOrEqual(600);
    expect(fitted.seen.messages.some((m) => m.role === 'user' && m.text === lruPrompt)).toBe(false);
    expect(fitted.seen.messages.at(-1)).toEqual(c.messages.at(-1));
    expect(fitted.seen.messages.filter((m) => m.role === 'system')).toHaveLength(1);
  });
});
