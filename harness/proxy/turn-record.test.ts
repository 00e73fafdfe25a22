import { beforeAll, describe, expect, it } from 'vitest';
import type { StreamEvent } from '../core/messages.ts';
import { type AliasTables, loadAliasTables } from './alias-tables.ts';
import { createMessageAssembler } from './message-assembler.ts';
import { createResponseStream } from './response-stream.ts';
import { createSchemaValidator } from './schema-validator.ts';
import { claudeCodeTools } from './test-kit/claude-code-tools.ts';
import { messageEnd, messageStart, toolMessage } from './test-kit/fake-upstream.ts';
import { textCallContext } from './text-calls/index.ts';
import { type FinishedTurn, reasoningChars, turnOutcome } from './turn-record.ts';
import { createTurnTimer } from './turn-timer.ts';

const tools = claudeCodeTools();
const validator = createSchemaValidator();
let tables: AliasTables;
beforeAll(async () => {
  tables = await loadAliasTables();
});

/** Runs `events` through the assemblers and the response transformer the way a turn does. */
function finished(events: readonly StreamEvent[], rescue: boolean): FinishedTurn {
  const raw = createMessageAssembler('m');
  const textCallId = (n: number): string => `text_s-1_${n}`;
  const response = createResponseStream(tools, tables, validator, { rescue, textCallId });
  const sent = createMessageAssembler('m');
  for (const event of events) {
    raw.apply(event);
    for (const out of response.push(event)) sent.apply(out);
  }
  return {
    ...{ raw, sent, response, tools, validator, requestRewrites: [], failure: null, serverTimings: null },
    ...{ textCalls: textCallContext(tools, tables), textCallId },
    upstream: { dialect: 'anthropic', url: 'http://127.0.0.1:1/v1/messages', model: 'm' },
    timer: createTurnTimer({ now: () => 0 }),
    clientAborted: false,
    context: { state: 'unknown', reason: 'no_server_count' },
    loop: null,
  };
}

const text = (index: number, value: string): StreamEvent[] => [
  { type: 'content_block_start', index, content_block: { type: 'text', text: '' } },
  { type: 'content_block_delta', index, delta: { type: 'text_delta', text: value } },
  { type: 'content_block_stop', index },
];

describe('turnOutcome', () => {
  it.each([
    ['a valid Write', 'Write', '{"file_path":"/w/a.py","content":"x"}', { kind: 'valid' }, true],
    ['an unknown tool', 'write_file', '{"path":"a.py","content":"x"}', { kind: 'unknown_tool' }, false],
    ['a wrong parameter', 'Write', '{"filename":"a.py","content":"x"}', { kind: 'schema_violation' }, true],
    ['arguments that are not JSON', 'Write', '{"file_path": "a.py", "content": ', { kind: 'unparseable' }, true],
  ])(
    'records %s as the model sent it, validated against the offered tools',
    (_label, name, json, validation, offered) => {
      const outcome = turnOutcome(finished(toolMessage([{ name, json: [json] }]), false));
      expect(outcome.toolCalls).toEqual([
        expect.objectContaining({ name, offered, validation: expect.objectContaining(validation) }),
      ]);
      expect(outcome.toolCalls?.[0]?.rescued).toBeUndefined();
    },
  );

  it('records what the rescue sent instead, and its rewrites after the request ones', () => {
    const turn = finished(toolMessage([{ name: 'write_file', json: ['{"path":"/w/a.py","content":"x"}'] }]), true);
    turn.requestRewrites = [{ kind: 'strip_field', where: 'request', before: 'thinking', after: null, reason: 'r' }];
    const outcome = turnOutcome(turn);
    expect(outcome.toolCalls?.[0]).toMatchObject({
      name: 'write_file',
      rescued: { name: 'Write', input: { file_path: '/w/a.py', content: 'x' } },
    });
    expect(outcome.rewrites?.map((r) => r.kind)).toEqual(['strip_field', 'tool_name', 'param_name']);
    expect(outcome.response?.content[0]).toMatchObject({ type: 'tool_use', name: 'Write' });
  });

  it('records leaked template tokens, and their removal when the rescue is on', () => {
    const events = [messageStart('m'), ...text(0, 'done<|im_end|>'), ...messageEnd('end_turn', 3)];
    expect(turnOutcome(finished(events, false))).toMatchObject({ leakedTokens: ['<|im_end|>'], rewrites: [] });
    expect(turnOutcome(finished(events, true)).rewrites).toEqual([
      expect.objectContaining({ kind: 'strip_template_tokens', before: 'done<|im_end|>', after: 'done' }),
    ]);
  });

  it('counts the reasoning that arrived', () => {
    const events: StreamEvent[] = [
      messageStart('m'),
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Let me think.' } },
      { type: 'content_block_stop', index: 0 },
      ...text(1, 'ok'),
      ...messageEnd('end_turn', 5),
    ];
    expect(turnOutcome(finished(events, false))).toMatchObject({ reasoningChars: 13, stopReason: 'end_turn' });
    expect(reasoningChars(null)).toBe(0);
  });
});
