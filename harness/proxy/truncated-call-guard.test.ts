import { describe, expect, it } from 'vitest';
import type { StopReason, StreamEvent } from '../core/messages.ts';
import { createSchemaValidator } from './schema-validator.ts';
import { claudeCodeTools } from './test-kit/claude-code-tools.ts';
import { messageStart } from './test-kit/fake-upstream.ts';
import { toolUseBlock } from './test-kit/rescue-frames.ts';
import { createTruncatedCallGuard } from './truncated-call-guard.ts';

const tools = claudeCodeTools();

const text = (index: number, value: string): StreamEvent[] => [
  { type: 'content_block_start', index, content_block: { type: 'text', text: '' } },
  { type: 'content_block_delta', index, delta: { type: 'text_delta', text: value } },
  { type: 'content_block_stop', index },
];
const end = (stop: StopReason): StreamEvent[] => [
  { type: 'message_delta', delta: { stop_reason: stop, stop_sequence: null }, usage: { output_tokens: 9 } },
  { type: 'message_stop' },
];

function guarded(events: readonly StreamEvent[]) {
  const guard = createTruncatedCallGuard(tools, createSchemaValidator());
  return { out: events.flatMap((event) => guard.push(event)), guard };
}

describe('createTruncatedCallGuard', () => {
  it.each([
    ['cut inside a string (F14)', ['{"file_path": "/w/a.py", "content": "def f(', 'x):\\n']],
    ['cut before the arguments', []],
    ['closed by the server at a key boundary', ['{"file_path": "/w/a.py"}']],
  ])('does not forward the last call of a max_tokens message %s, and logs it', (_label, json) => {
    const cut = toolUseBlock(1, 'toolu_cut', 'Write', json);
    const events = [messageStart('m'), ...text(0, 'Writing.'), ...cut, ...end('max_tokens')];
    const { out, guard } = guarded(events);
    expect(out).toEqual([messageStart('m'), ...text(0, 'Writing.'), ...end('max_tokens')]);
    expect(guard.rewrites).toEqual([
      {
        kind: 'truncated_tool_call',
        where: 'response',
        before: { type: 'tool_use', id: 'toolu_cut', name: 'Write', partial_json: json.join('') },
        after: null,
        reason: expect.stringContaining('max_tokens'),
      },
    ]);
  });

  it.each([
    ['a complete call at max_tokens', 'max_tokens', ['{"file_path": "/w/a.py", "content": "x"}']],
    ['a complete call with a wrong name in it at max_tokens', 'max_tokens', ['{"filename": "a", "content": "x"}']],
    ['a cut-looking call at end_turn', 'end_turn', ['{"file_path": "/w/a.py"']],
  ] as const)('forwards %s unchanged', (_label, stop, json) => {
    const events = [messageStart('m'), ...toolUseBlock(0, 'toolu_1', 'Write', json), ...end(stop)];
    const { out, guard } = guarded(events);
    expect(out).toEqual(events);
    expect(guard.rewrites).toEqual([]);
  });

  it('releases a held call as soon as another block starts (it was complete)', () => {
    const guard = createTruncatedCallGuard(tools, createSchemaValidator());
    const call = toolUseBlock(0, 'toolu_1', 'Bash', ['{"command": "ls"}']);
    expect(call.flatMap((event) => guard.push(event))).toEqual([]);
    const next = text(1, 'and more');
    expect(guard.push(next[0] as StreamEvent)).toEqual([...call, next[0]]);
  });

  it('drops a call the stream broke off inside', () => {
    const error: StreamEvent = { type: 'error', error: { type: 'api_error', message: 'broken' } };
    const { out } = guarded([messageStart('m'), ...toolUseBlock(0, 't', 'Write', ['{"file_path": "a']), error]);
    expect(out).toEqual([messageStart('m'), error]);
  });
});
