import { describe, expect, it } from 'vitest';
import { setFields } from './set-fields.ts';

describe('setFields', () => {
  it("sets fields, merges chat_template_kwargs over the client's, and notes each change", () => {
    const body: Record<string, unknown> = { chat_template_kwargs: { foo: 1 }, thinking: { type: 'disabled' } };
    const notes = setFields(
      body,
      { chat_template_kwargs: { enable_thinking: false }, thinking: { type: 'disabled' } },
      'why',
    );
    expect(body).toEqual({ chat_template_kwargs: { foo: 1, enable_thinking: false }, thinking: { type: 'disabled' } });
    expect(notes).toEqual([
      {
        kind: 'set_field',
        before: { field: 'chat_template_kwargs', value: { foo: 1 } },
        after: { field: 'chat_template_kwargs', value: { foo: 1, enable_thinking: false } },
        reason: 'why',
      },
    ]);
  });
});
