import { beforeAll, describe, expect, it } from 'vitest';
import type { StreamEvent } from '../core/messages.ts';
import { type AliasTables, loadAliasTables } from './alias-tables.ts';
import { createMessageAssembler } from './message-assembler.ts';
import { createRescueStream } from './rescue-stream.ts';
import { createSchemaValidator } from './schema-validator.ts';
import { claudeCodeTools } from './test-kit/claude-code-tools.ts';

const tools = claudeCodeTools();
let tables: AliasTables;
beforeAll(async () => {
  tables = await loadAliasTables();
});

function toolEvents(name: string, chunks: string[]): StreamEvent[] {
  return [
    { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'toolu_1', name, input: {} } },
    ...chunks.map(
      (partial_json): StreamEvent => ({
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'input_json_delta', partial_json },
      }),
    ),
    { type: 'content_block_stop', index: 0 },
  ];
}

describe('createRescueStream', () => {
  it('holds a tool call until its JSON is complete, then sends it rewritten in one piece', () => {
    const stream = createRescueStream(tools, tables, createSchemaValidator());
    const [start, ...rest] = toolEvents('write_file', ['{"path": "a.py", ', '"content": "x"}']);
    expect(stream.push(start as StreamEvent)).toEqual([]);
    const out = rest.flatMap((event) => stream.push(event));
    expect(out).toEqual([
      {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'tool_use', id: 'toolu_1', name: 'Write', input: {} },
      },
      {
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'input_json_delta', partial_json: '{"file_path":"a.py","content":"x"}' },
      },
      { type: 'content_block_stop', index: 0 },
    ]);
    expect(stream.rescued.get(0)).toEqual({ name: 'Write', input: { file_path: 'a.py', content: 'x' } });
    expect(stream.rewrites.map((r) => r.kind)).toEqual(['tool_name', 'param_name']);
  });

  it('forwards a call it cannot fix exactly as streamed', () => {
    const stream = createRescueStream(tools, tables, createSchemaValidator());
    const out = toolEvents('teleport', ['{"to": ', '"mars"}']).flatMap((event) => stream.push(event));
    const assembler = createMessageAssembler('m');
    for (const event of out) assembler.apply(event);
    expect(assembler.toolCalls()[0]).toMatchObject({ name: 'teleport', rawJson: '{"to": "mars"}' });
    expect(stream.rewrites).toEqual([]);
  });

  it('forwards unparseable arguments untouched', () => {
    const stream = createRescueStream(tools, tables, createSchemaValidator());
    const out = toolEvents('write_file', ['{"path": "a.py", "content": "x']).flatMap((event) => stream.push(event));
    expect(out[1]).toEqual({
      type: 'content_block_delta',
      index: 0,
      delta: { type: 'input_json_delta', partial_json: '{"path": "a.py", "content": "x' },
    });
  });

  it('strips template tokens from text deltas and drops deltas that become empty', () => {
    const stream = createRescueStream(tools, tables, createSchemaValidator());
    const events: StreamEvent[] = [
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'done<unu' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'sed24>' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: '<|im_end|>' } },
      { type: 'content_block_stop', index: 0 },
    ];
    const out = events.flatMap((event) => stream.push(event));
    expect(out).toEqual([
      events[0],
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'done' } },
      events[4],
    ]);
  });
});
