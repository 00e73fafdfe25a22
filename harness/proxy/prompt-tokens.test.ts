import { describe, expect, it } from 'vitest';
import { createMessageAssembler, promptTokens } from './message-assembler.ts';

describe('promptTokens', () => {
  it.each([
    [{ input_tokens: 313 }, 313],
    // llama-server with a warm prompt cache: only the new token is "input".
    [{ input_tokens: 1, cache_read_input_tokens: 312 }, 313],
    [{ input_tokens: 10, cache_creation_input_tokens: 90 }, 100],
    [{ input_tokens: 0 }, null],
    [undefined, null],
  ])('counts %j as %s prompt tokens', (usage, expected) => {
    expect(promptTokens(usage)).toBe(expected);
  });

  it('is what the assembler reports as input tokens', () => {
    const assembler = createMessageAssembler('m');
    assembler.apply({
      type: 'message_start',
      message: {
        id: 'msg_1',
        type: 'message',
        role: 'assistant',
        model: 'm',
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 2, output_tokens: 0, cache_read_input_tokens: 500 },
      },
    });
    expect(assembler.reportedInputTokens()).toBe(502);
  });
});
