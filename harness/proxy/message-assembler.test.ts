import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '../core/messages.ts';
import { createMessageAssembler } from './message-assembler.ts';
import { messageStart } from './test-kit/fake-upstream.ts';

function assemble(events: StreamEvent[]) {
  const assembler = createMessageAssembler('fallback');
  for (const event of events) assembler.apply(event);
  return assembler;
}

describe('createMessageAssembler', () => {
  it('joins thinking, text and tool arguments per block in index order', () => {
    const assembler = assemble([
      messageStart('m'),
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'plan ' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'it' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'sig' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'ok' } },
      { type: 'content_block_stop', index: 1 },
      { type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 't1', name: 'Bash', input: {} } },
      { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{"command":' } },
      { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '"ls"}' } },
      { type: 'content_block_stop', index: 2 },
      { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 9 } },
      { type: 'message_stop' },
    ]);
    expect(assembler.message()?.content).toEqual([
      { type: 'thinking', thinking: 'plan it', signature: 'sig' },
      { type: 'text', text: 'ok' },
      { type: 'tool_use', id: 't1', name: 'Bash', input: { command: 'ls' } },
    ]);
    expect(assembler.stopReason()).toBe('tool_use');
    expect(assembler.reportedOutputTokens()).toBe(9);
    expect(assembler.reportedInputTokens()).toBe(42);
  });

  it('takes a tool input given whole in content_block_start', () => {
    const assembler = assemble([
      messageStart('m'),
      {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'tool_use', id: 't1', name: 'Read', input: { file_path: 'a.py' } },
      },
      { type: 'content_block_stop', index: 0 },
    ]);
    expect(assembler.toolCalls()).toEqual([
      {
        index: 0,
        id: 't1',
        name: 'Read',
        rawJson: '{"file_path":"a.py"}',
        input: { file_path: 'a.py' },
        parseError: null,
        cut: false,
      },
    ]);
  });

  it('keeps broken tool JSON raw and sends {} as its input', () => {
    const assembler = assemble([
      messageStart('m'),
      {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'tool_use', id: 't1', name: 'Write', input: {} },
      },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"file_path": "a' } },
      { type: 'content_block_stop', index: 0 },
    ]);
    expect(assembler.toolCalls()[0]).toMatchObject({ rawJson: '{"file_path": "a', parseError: expect.any(String) });
    expect(assembler.message()?.content).toEqual([{ type: 'tool_use', id: 't1', name: 'Write', input: {} }]);
  });

  it('has no message before anything arrived', () => {
    expect(createMessageAssembler('m').message()).toBeNull();
  });

  it.each([
    ['max_tokens, the call last', 'max_tokens', true, [true]],
    ['max_tokens, text after the call', 'max_tokens', false, [false]],
    ['end_turn', 'end_turn', true, [false]],
  ] as const)('marks a call cut by the output limit only when it is the last block (%s)', (_label, stop, last, cut) => {
    const tail: StreamEvent[] = last
      ? []
      : [
          { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } },
          { type: 'content_block_stop', index: 1 },
        ];
    const assembler = assemble([
      messageStart('m'),
      {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'tool_use', id: 't1', name: 'Write', input: {} },
      },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"file_path": "a' } },
      { type: 'content_block_stop', index: 0 },
      ...tail,
      { type: 'message_delta', delta: { stop_reason: stop, stop_sequence: null }, usage: { output_tokens: 9 } },
    ]);
    expect(assembler.toolCalls().map((call) => call.cut)).toEqual(cut);
  });
});
