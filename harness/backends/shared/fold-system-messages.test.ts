import { describe, expect, it } from 'vitest';
import type { MessageParam } from '../../core/messages.ts';
import { foldSystemMessages } from './fold-system-messages.ts';

const env: MessageParam = { role: 'system', content: [{ type: 'text', text: '# Environment' }] };

describe('foldSystemMessages', () => {
  it('moves a system message before the first assistant turn into the top-level system blocks', () => {
    const folded = foldSystemMessages(
      [{ type: 'text', text: 'You are an agent.' }],
      [{ role: 'user', content: 'hi' }, env],
    );
    expect(folded.system).toEqual([
      { type: 'text', text: 'You are an agent.' },
      { type: 'text', text: '# Environment' },
    ]);
    expect(folded.messages).toEqual([{ role: 'user', content: 'hi' }]);
    expect(folded.rewrites).toEqual([
      {
        kind: 'fold_system_message',
        before: { index: 1, message: env },
        after: { target: 'system', text: '# Environment' },
        reason: expect.any(String),
      },
    ]);
  });

  it('appends to a string system prompt, or becomes the system prompt when there is none', () => {
    expect(foldSystemMessages('Base.', [env, { role: 'user', content: 'hi' }]).system).toBe('Base.\n\n# Environment');
    expect(foldSystemMessages(undefined, [env, { role: 'user', content: 'hi' }]).system).toBe('# Environment');
  });

  it('joins a later system message to the user turn before it as a system reminder', () => {
    const folded = foldSystemMessages('S', [
      { role: 'user', content: 'a' },
      { role: 'assistant', content: 'b' },
      { role: 'user', content: 'c' },
      { role: 'system', content: 'late note' },
    ]);
    expect(folded.system).toBe('S');
    expect(folded.messages).toEqual([
      { role: 'user', content: 'a' },
      { role: 'assistant', content: 'b' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'c' },
          { type: 'text', text: '<system-reminder>\nlate note\n</system-reminder>' },
        ],
      },
    ]);
    expect(folded.rewrites[0]?.after).toEqual({
      target: 'messages[2]',
      text: '<system-reminder>\nlate note\n</system-reminder>',
    });
  });

  it('joins a system message that follows an assistant turn to the next user turn, after its tool results', () => {
    const folded = foldSystemMessages(undefined, [
      { role: 'user', content: 'a' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'Bash', input: {} }] },
      { role: 'system', content: 'note' },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'ok' }] },
    ]);
    expect(folded.messages[2]).toEqual({
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 't1', content: 'ok' },
        { type: 'text', text: '<system-reminder>\nnote\n</system-reminder>' },
      ],
    });
    expect(folded.messages).toHaveLength(3);
  });

  it('turns a trailing system message with no user turn to join into a user turn', () => {
    const folded = foldSystemMessages(undefined, [
      { role: 'user', content: 'a' },
      { role: 'assistant', content: 'b' },
      { role: 'system', content: 'wrap up' },
    ]);
    expect(folded.messages.at(-1)).toEqual({
      role: 'user',
      content: [{ type: 'text', text: '<system-reminder>\nwrap up\n</system-reminder>' }],
    });
  });

  it('leaves a conversation without system messages untouched', () => {
    const messages: MessageParam[] = [{ role: 'user', content: 'a' }];
    expect(foldSystemMessages('S', messages)).toEqual({ system: 'S', messages, rewrites: [] });
  });
});
