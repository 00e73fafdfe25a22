import { describe, expect, it } from 'vitest';
import { anthropicContextMessage } from './anthropic-context-message.ts';

describe('anthropicContextMessage', () => {
  it('words an output-budget overflow the way Claude Code lowers max_tokens for, keeping the upstream words', () => {
    expect(
      anthropicContextMessage(
        { category: 'output_budget', promptTokens: 24577, outputTokens: 8192, contextTokens: 32768 },
        'vLLM said so',
      ),
    ).toBe(
      'input length and `max_tokens` exceed context limit: 24577 + 8192 > 32768, decrease input length or `max_tokens` and try again (upstream: vLLM said so)',
    );
  });

  it.each([
    [{ promptTokens: 628, contextTokens: 256 }, 'x', 'prompt is too long: 628 tokens > 256 maximum (upstream: x)'],
    [
      { promptTokens: null, contextTokens: null },
      'the input length exceeds',
      'prompt is too long: the input length exceeds',
    ],
    [
      { promptTokens: 5, contextTokens: 4 },
      'prompt is too long: 5 tokens > 4 maximum',
      'prompt is too long: 5 tokens > 4 maximum',
    ],
  ])('words a prompt overflow as "prompt is too long" (%o)', (numbers, upstream, expected) => {
    expect(anthropicContextMessage({ category: 'prompt_too_long', ...numbers }, upstream)).toBe(expected);
  });

  it("keeps an upstream message that is already in Anthropic's output-budget wording", () => {
    const message =
      'input length and `max_tokens` exceed context limit: 1 + 2 > 2, decrease input length or `max_tokens` and try again';
    expect(
      anthropicContextMessage(
        { category: 'output_budget', promptTokens: 1, outputTokens: 2, contextTokens: 2 },
        message,
      ),
    ).toBe(message);
  });
});
