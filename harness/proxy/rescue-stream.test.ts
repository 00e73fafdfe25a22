import { beforeAll, describe, expect, it } from 'vitest';
import type { ResponseBlock, StreamEvent, ToolDefinition } from '../core/messages.ts';
import { stripTemplateTokens } from '../core/template-tokens.ts';
import { type AliasTables, loadAliasTables } from './alias-tables.ts';
import { createMessageAssembler } from './message-assembler.ts';
import { createRescueStream } from './rescue-stream.ts';
import { createSchemaValidator } from './schema-validator.ts';
import { claudeCodeTools } from './test-kit/claude-code-tools.ts';
import { messageStart } from './test-kit/fake-upstream.ts';
import {
  contentOf,
  joinDeltas,
  splits,
  stopReasonOf,
  streamedMessage,
  toolUseBlock,
} from './test-kit/rescue-frames.ts';
import { allSamples, type ExpectedCall, type TextCallSample } from './text-calls/test-kit/samples.ts';

const tools = claudeCodeTools();
const validator = createSchemaValidator();
let tables: AliasTables;
beforeAll(async () => {
  tables = await loadAliasTables();
});

function rescued(events: readonly StreamEvent[], offered: readonly ToolDefinition[] = tools) {
  const stream = createRescueStream(offered, tables, validator);
  const out = events.flatMap((event) => stream.push(event));
  return { out, stream };
}

function toolEvents(name: string, chunks: string[]): StreamEvent[] {
  return toolUseBlock(0, 'toolu_1', name, chunks);
}

describe('createRescueStream: structured tool calls', () => {
  it('holds a tool call until its JSON is complete, then sends it rewritten in one piece', () => {
    const stream = createRescueStream(tools, tables, validator);
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
    const { out, stream } = rescued(toolEvents('teleport', ['{"to": ', '"mars"}']));
    const assembler = createMessageAssembler('m');
    for (const event of out) assembler.apply(event);
    expect(assembler.toolCalls()[0]).toMatchObject({ name: 'teleport', rawJson: '{"to": "mars"}' });
    expect(stream.rewrites).toEqual([]);
  });

  it('forwards unparseable arguments untouched', () => {
    const { out } = rescued(toolEvents('write_file', ['{"path": "a.py", "content": "x']));
    expect(out[1]).toEqual({
      type: 'content_block_delta',
      index: 0,
      delta: { type: 'input_json_delta', partial_json: '{"path": "a.py", "content": "x' },
    });
  });

  it.each([
    [
      'strings for integers (F13)',
      ['{"file_path": "/w/a.py", ', '"offset": "130", "limit": "80"}'],
      { file_path: '/w/a.py', offset: 130, limit: 80 },
    ],
    [
      'double-encoded arguments (F25)',
      [JSON.stringify(JSON.stringify({ file_path: '/w/a.py', limit: 5 }))],
      { file_path: '/w/a.py', limit: 5 },
    ],
  ])('sends %s in the schema types, and logs it', (_label, json, input) => {
    const { out, stream } = rescued(toolEvents('Read', json));
    expect(out[1]).toEqual({
      type: 'content_block_delta',
      index: 0,
      delta: { type: 'input_json_delta', partial_json: JSON.stringify(input) },
    });
    expect(stream.rewrites.map((r) => r.kind)).toEqual(['argument_type']);
  });

  it('leaves string numbers that would not validate as they were', () => {
    const { out, stream } = rescued(toolEvents('Read', ['{"file_path": "/w/a.py", "limit": "many"}']));
    expect(out[1]).toMatchObject({ delta: { partial_json: '{"file_path": "/w/a.py", "limit": "many"}' } });
    expect(stream.rewrites).toEqual([]);
  });
});

describe('createRescueStream: template tokens', () => {
  it('strips template tokens from text deltas and drops deltas that become empty', () => {
    const events = streamedMessage([{ type: 'text', deltas: ['done<unu', 'sed24>', '<|im_end|>'] }]);
    const { out, stream } = rescued(events);
    expect(out).toEqual([
      events[0],
      events[1],
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'done' } },
      events[5],
      events[6],
      events[7],
    ]);
    expect(stream.rewrites).toMatchObject([
      { kind: 'strip_template_tokens', before: 'done<unused24><|im_end|>', after: 'done' },
    ]);
  });

  it('scans for text calls before stripping: envelope tokens reach the call, a trailing token is stripped', () => {
    const text = '<|python_tag|>{"name": "Read", "parameters": {"file_path": "/w/a.py"}}<|eom_id|>';
    const { out } = rescued(streamedMessage([{ type: 'text', deltas: [text] }]));
    expect(contentOf(out)).toEqual([{ type: 'tool_use', id: 'text_0', name: 'Read', input: { file_path: '/w/a.py' } }]);
  });

  it('keeps the envelope tokens of a call it does not lift (they are not leaked tokens)', () => {
    const call = '<|python_tag|>{"name": "brave_search", "parameters": {"query": "x"}}<|eom_id|>';
    const { out, stream } = rescued(streamedMessage([{ type: 'text', deltas: [`Checking.<|im_end|>${call}`] }]));
    expect(contentOf(out)).toEqual([{ type: 'text', text: `Checking.${call}` }]);
    expect(stream.rewrites).toMatchObject([{ kind: 'strip_template_tokens', before: 'Checking.<|im_end|>' }]);
  });
});

describe('createRescueStream: tool calls written as text, frame by frame', () => {
  it('ends the text block, sends the tool_use block, and stops with tool_use (Hermes)', () => {
    const text =
      'I will write it.\n<tool_call>\n{"name": "Write", "arguments": {"file_path": "/w/a.py", "content": "x = 1\\n"}}\n</tool_call>';
    for (const deltas of splits(text)) {
      const { out, stream } = rescued(streamedMessage([{ type: 'text', deltas }]));
      expect(joinDeltas(out)).toEqual([
        messageStart('upstream-model'),
        { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
        { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'I will write it.\n' } },
        { type: 'content_block_stop', index: 0 },
        {
          type: 'content_block_start',
          index: 1,
          content_block: { type: 'tool_use', id: 'text_0', name: 'Write', input: {} },
        },
        {
          type: 'content_block_delta',
          index: 1,
          delta: { type: 'input_json_delta', partial_json: '{"file_path":"/w/a.py","content":"x = 1\\n"}' },
        },
        { type: 'content_block_stop', index: 1 },
        { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 9 } },
        { type: 'message_stop' },
      ]);
      expect(stream.lifted.get('text_0')).toEqual({
        name: 'Write',
        input: { file_path: '/w/a.py', content: 'x = 1\n' },
      });
    }
  });

  it('logs the rewrite with the verbatim text before and the tool_use after, then any alias rewrite', () => {
    const call =
      '<function=write_file>\n<parameter=path>\n/w/a.py\n</parameter>\n<parameter=content>\nx\n</parameter>\n</function>';
    const { stream } = rescued(streamedMessage([{ type: 'text', deltas: [call] }]));
    expect(stream.rewrites.map(({ kind, before, after }) => ({ kind, before, after }))).toEqual([
      {
        kind: 'text_tool_call',
        before: call,
        after: { type: 'tool_use', id: 'text_0', name: 'Write', input: { file_path: '/w/a.py', content: 'x' } },
      },
      { kind: 'tool_name', before: 'write_file', after: 'Write' },
      { kind: 'param_name', before: 'path', after: 'file_path' },
    ]);
  });

  it('keeps text after a call in a new text block, and numbers several calls in order', () => {
    const text =
      '<tool_call>{"name": "Read", "arguments": {"file_path": "a"}}</tool_call>\n' +
      '<tool_call>{"name": "Read", "arguments": {"file_path": "b"}}</tool_call>\nThen I test.';
    const { out } = rescued(streamedMessage([{ type: 'text', deltas: [...text] }]), tools);
    expect(contentOf(out)).toEqual([
      { type: 'tool_use', id: 'text_0', name: 'Read', input: { file_path: 'a' } },
      { type: 'text', text: '\n' },
      { type: 'tool_use', id: 'text_1', name: 'Read', input: { file_path: 'b' } },
      { type: 'text', text: '\nThen I test.' },
    ]);
  });

  it('coerces string numbers in a text call only when the result validates', () => {
    const good = '{"name": "Read", "arguments": {"file_path": "/w/a.py", "limit": "50"}}';
    const bad = '{"name": "Read", "arguments": {"file_path": "/w/a.py", "limit": "fifty"}}';
    const lifted = rescued(streamedMessage([{ type: 'text', deltas: [good] }]));
    expect(contentOf(lifted.out)).toEqual([
      { type: 'tool_use', id: 'text_0', name: 'Read', input: { file_path: '/w/a.py', limit: 50 } },
    ]);
    expect(lifted.stream.rewrites.map((r) => r.kind)).toEqual(['text_tool_call', 'argument_type']);
    const left = rescued(streamedMessage([{ type: 'text', deltas: [bad] }]));
    expect(contentOf(left.out)).toEqual([{ type: 'text', text: bad }]);
    expect(stopReasonOf(left.out)).toBe('end_turn');
  });

  it.each([
    ['names a tool nobody offered', '<tool_call>{"name": "teleport", "arguments": {"to": "mars"}}</tool_call>'],
    ['misses a required parameter', '<tool_call>{"name": "Write", "arguments": {"file_path": "a"}}</tool_call>'],
    ['has unreadable arguments', '<tool_call>{"name": "Write", "arguments": {"file_path": </tool_call>'],
  ])('releases a call that %s as the text it was, and keeps end_turn', (_label, text) => {
    for (const deltas of splits(text)) {
      const { out, stream } = rescued(streamedMessage([{ type: 'text', deltas }]));
      expect(contentOf(out)).toEqual([{ type: 'text', text }]);
      expect(stopReasonOf(out)).toBe('end_turn');
      expect(stream.rewrites).toEqual([]);
    }
  });

  it('never sends a call the output limit cut: its text goes on and max_tokens stays', () => {
    const text = 'Writing.\n<tool_call>{"name": "Write", "arguments": {"file_path": "/w/a.py", "content": "def f(';
    const { out } = rescued(streamedMessage([{ type: 'text', deltas: [...text] }], 'max_tokens'));
    expect(contentOf(out)).toEqual([{ type: 'text', text }]);
    expect(stopReasonOf(out)).toBe('max_tokens');
  });

  it('passes prose quoting a JSON example that names no offered tool through unchanged', () => {
    const text =
      'The API answers like this:\n```json\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n```\nand `{` starts it.';
    const upstream = streamedMessage([{ type: 'text', deltas: [text] }]);
    for (const deltas of splits(text)) {
      const { out, stream } = rescued(streamedMessage([{ type: 'text', deltas }]));
      expect(joinDeltas(out)).toEqual(upstream);
      expect(stream.rewrites).toEqual([]);
    }
  });

  it('keeps an empty text block', () => {
    const events = streamedMessage([{ type: 'text', deltas: [] }]);
    expect(rescued(events).out).toEqual(events);
  });
});

describe('createRescueStream: calls in reasoning (F11)', () => {
  const call = '<tool_call>\n{"name": "Write", "arguments": {"file_path": "/w/a.py", "content": "x"}}\n</tool_call>';
  const thinking = `The user wants a file. I will write it.\n${call}`;

  it('passes the reasoning unchanged and lifts a complete, valid call at the end of a turn with no other call', () => {
    for (const deltas of splits(thinking).slice(0, 40)) {
      const events = streamedMessage([
        { type: 'thinking', deltas },
        { type: 'text', deltas: ['Writing the file now.'] },
      ]);
      const { out } = rescued(events);
      expect(joinDeltas(out).slice(0, 5)).toEqual(joinDeltas(events).slice(0, 5));
      expect(contentOf(out)).toEqual([
        { type: 'thinking', thinking },
        { type: 'text', text: 'Writing the file now.' },
        { type: 'tool_use', id: 'text_0', name: 'Write', input: { file_path: '/w/a.py', content: 'x' } },
      ]);
      expect(stopReasonOf(out)).toBe('tool_use');
    }
  });

  it('lifts it from reasoning the output limit ended (the thinking never closed)', () => {
    const { out } = rescued(streamedMessage([{ type: 'thinking', deltas: [thinking] }], 'max_tokens'));
    expect(contentOf(out).map((block) => block.type)).toEqual(['thinking', 'tool_use']);
    expect(stopReasonOf(out)).toBe('tool_use');
  });

  it('lifts nothing from reasoning when the turn calls a tool anyway', () => {
    const events: StreamEvent[] = streamedMessage([{ type: 'thinking', deltas: [thinking] }], 'tool_use');
    const withCall = [
      ...events.slice(0, 4),
      ...toolUseBlock(1, 'toolu_9', 'Write', ['{"file_path": "/w/b.py", "content": "y"}']),
      ...events.slice(4),
    ];
    const { out, stream } = rescued(withCall);
    expect(contentOf(out).map((block) => (block.type === 'tool_use' ? block.id : block.type))).toEqual([
      'thinking',
      'toolu_9',
    ]);
    expect(stream.lifted.size).toBe(0);
  });
});

/** What the rescue must make of a fixture sample: the tool_use blocks of the calls that validate. */
function expectedLifts(sample: TextCallSample, offered: readonly ToolDefinition[]): ResponseBlock[] {
  const renamed: Record<string, Record<string, unknown>> = {
    F02: { file_path: 'teste.txt', content: 'Aether online, Adriano' },
    'F08-lmstudio': { file_path: '...' },
  };
  const lifts: ResponseBlock[] = [];
  for (const [n, call] of sample.calls.entries()) {
    const input = renamed[sample.id] ?? validInput(call, offered);
    if (call.kind !== 'call' || call.offeredName === null || input === null) continue;
    lifts.push({ type: 'tool_use', id: `text_${n}`, name: call.offeredName, input });
  }
  return lifts;
}

function validInput(call: ExpectedCall, offered: readonly ToolDefinition[]): Record<string, unknown> | null {
  const tool = offered.find((t) => t.name === call.offeredName);
  if (tool === undefined || call.input === undefined) return null;
  return validator.check(tool.input_schema, call.input).valid ? call.input : null;
}

describe.each(allSamples())('the fixture $file/$id through the rescue stream', (sample) => {
  it('gives the same blocks however the text is split, with a tool_use for each call that validates', () => {
    const offered = [...tools, ...(sample.extraTools ?? [])];
    const lifts = expectedLifts(sample, offered);
    const whole = rescued(streamedMessage([{ type: 'text', deltas: [sample.text] }]), offered).out;
    for (const deltas of splits(sample.text)) {
      const out = rescued(streamedMessage([{ type: 'text', deltas }]), offered).out;
      expect(joinDeltas(out)).toEqual(joinDeltas(whole));
    }
    const content = contentOf(whole);
    expect(content.filter((block) => block.type === 'tool_use')).toEqual(lifts);
    expect(stopReasonOf(whole)).toBe(lifts.length > 0 ? 'tool_use' : 'end_turn');
    const text = content.map((block) => (block.type === 'text' ? block.text : '')).join('');
    if (lifts.length === sample.calls.length) expect(text).toBe(stripTemplateTokens(sample.release));
    if (lifts.length === 0) expect(stripTemplateTokens(text)).toBe(stripTemplateTokens(sample.text));
  });

  it('in reasoning: passes the thinking on unchanged and lifts the same calls at the end of the turn', () => {
    const offered = [...tools, ...(sample.extraTools ?? [])];
    const lifts = expectedLifts(sample, offered);
    const events = streamedMessage([{ type: 'thinking', deltas: [...sample.text] }]);
    const { out } = rescued(events, offered);
    expect(contentOf(out)).toEqual([{ type: 'thinking', thinking: sample.text }, ...lifts]);
    expect(stopReasonOf(out)).toBe(lifts.length > 0 ? 'tool_use' : 'end_turn');
  });
});
