import { describe, expect, it } from 'vitest';
import { estimateInputTokens } from './count-tokens.ts';

describe('estimateInputTokens', () => {
  it.each([
    ['a 400-character user message', { messages: [{ role: 'user' as const, content: 'x'.repeat(400) }] }, 100],
    [
      'system, message and tool text together',
      { system: 'y'.repeat(40), messages: [{ role: 'user' as const, content: 'x'.repeat(40) }] },
      20,
    ],
    ['nothing', {}, 0],
  ])('estimates about chars/4 for %s', (_label, request, expected) => {
    // Structural keys (role, content) add a few characters; the estimate stays within 5 tokens.
    expect(Math.abs(estimateInputTokens(request) - expected)).toBeLessThanOrEqual(5);
  });

  it('grows with the tools offered', () => {
    const messages = [{ role: 'user' as const, content: 'hi' }];
    const tools = [
      {
        name: 'Write',
        input_schema: { type: 'object', properties: { file_path: { type: 'string', description: 'z'.repeat(400) } } },
      },
    ];
    expect(estimateInputTokens({ messages, tools }) - estimateInputTokens({ messages })).toBeGreaterThanOrEqual(100);
  });
});
