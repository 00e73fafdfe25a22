import { beforeAll, describe, expect, it } from 'vitest';
import type { MessagesResponse, ResponseBlock } from '../core/messages.ts';
import { type AliasTables, loadAliasTables } from './alias-tables.ts';
import { createSchemaValidator } from './schema-validator.ts';
import { claudeCodeTools } from './test-kit/claude-code-tools.ts';
import { findMessageTextCalls, leakedTokensOutsideCalls, textCallId, textCallRecords } from './text-call-records.ts';
import { textCallContext } from './text-calls/index.ts';
import { allSamples } from './text-calls/test-kit/samples.ts';

const tools = claudeCodeTools();
const validator = createSchemaValidator();
let tables: AliasTables;
beforeAll(async () => {
  tables = await loadAliasTables();
});

const message = (content: ResponseBlock[]): MessagesResponse => ({
  id: 'msg_1',
  type: 'message',
  role: 'assistant',
  model: 'm',
  content,
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 1, output_tokens: 1 },
});

function records(content: ResponseBlock[], lifted = new Map<string, { name: string; input: unknown }>()) {
  const found = findMessageTextCalls(message(content), textCallContext(tools, tables), (n) => textCallId('s.1-3', n));
  return textCallRecords(found, tools, validator, lifted);
}

describe('textCallRecords', () => {
  it.each([
    [
      'a valid Qwen3-Coder XML Write',
      '<function=Write>\n<parameter=file_path>\n/w/a.py\n</parameter>\n<parameter=content>\nx\n</parameter>\n</function>',
      { name: 'Write', offered: true, validation: { kind: 'valid' } },
    ],
    [
      'F02: Write with filename',
      '{"name": "Write", "arguments": {"filename": "teste.txt", "content": "Aether online, Adriano"}}',
      {
        name: 'Write',
        input: { filename: 'teste.txt', content: 'Aether online, Adriano' },
        validation: { kind: 'schema_violation', missing: ['file_path'], unexpected: ['filename'] },
      },
    ],
    [
      'a name that only maps to an offered tool',
      '<function=bash><parameter=command>ls</parameter></function>',
      { name: 'bash', offered: false, validation: { kind: 'unknown_tool' } },
    ],
    [
      'strings for numbers',
      '<tool_call>{"name": "Read", "arguments": {"file_path": "/w/a.py", "limit": "50"}}</tool_call>',
      { validation: { kind: 'argument_type', fields: [{ name: 'limit', expected: 'integer', got: 'string' }] } },
    ],
    [
      'a call the output limit cut',
      '<tool_call>{"name": "Write", "arguments": {"file_path": "/w/a.py", "content": "def',
      {
        name: 'Write',
        input: '{"name": "Write", "arguments": {"file_path": "/w/a.py", "content": "def',
        validation: {
          kind: 'truncated',
          rawJson: '{"name": "Write", "arguments": {"file_path": "/w/a.py", "content": "def',
        },
      },
    ],
    [
      'an envelope with nothing readable in it',
      '<tool_call>\nI will now call the tool.\n</tool_call>',
      { name: '', offered: false, validation: { kind: 'unparseable' } },
    ],
  ])('records %s, validated against the offered tools', (_label, text, expected) => {
    const [record] = records([{ type: 'text', text }]);
    expect(record).toMatchObject({ id: 'text_s_1-3_0', ...expected, text: { verbatim: text, in: 'text' } });
  });

  it('says where each call was: the answer, a thinking block, or a <think> span of the answer', () => {
    const call = '<tool_call>{"name": "Read", "arguments": {"file_path": "a"}}</tool_call>';
    const found = records([
      { type: 'thinking', thinking: `Plan: ${call}` },
      { type: 'text', text: `<think>maybe ${call}</think>\nNow: ${call}` },
    ]);
    expect(found.map((record) => [record.id, record.text?.in])).toEqual([
      ['text_s_1-3_0', 'reasoning'],
      ['text_s_1-3_1', 'reasoning'],
      ['text_s_1-3_2', 'text'],
    ]);
  });

  it('adds what the rescue sent for a lifted call', () => {
    const lifted = new Map([['text_s_1-3_0', { name: 'Read', input: { file_path: 'a' } }]]);
    const [record] = records([{ type: 'text', text: '{"name": "Read", "arguments": {"file_path": "a"}}' }], lifted);
    expect(record?.rescued).toEqual({ name: 'Read', input: { file_path: 'a' } });
  });

  it('records nothing for prose quoting a JSON example of a tool nobody offered', () => {
    expect(records([{ type: 'text', text: 'Like this: {"name": "get_weather", "arguments": {}}' }])).toEqual([]);
  });
});

describe.each(allSamples())('the fixture $file/$id as an exchange record', (sample) => {
  it('has one record per call, in order, with its format and verbatim text', () => {
    const offered = [...tools, ...(sample.extraTools ?? [])];
    const found = findMessageTextCalls(
      message([{ type: 'text', text: sample.text }]),
      textCallContext(offered, tables),
      (n) => textCallId('x', n),
    );
    const recorded = textCallRecords(found, offered, validator, new Map());
    expect(recorded.map((record) => [record.name, record.text?.format])).toEqual(
      sample.calls.map((call) => [call.name ?? '', call.format]),
    );
    const kinds = {
      call: ['valid', 'unknown_tool', 'schema_violation', 'argument_type'],
      malformed: ['unparseable'],
      incomplete: ['truncated'],
    };
    for (const [n, record] of recorded.entries()) {
      expect(kinds[sample.calls[n]?.kind ?? 'call']).toContain(record.validation.kind);
      expect(sample.text).toContain(record.text?.verbatim);
    }
  });
});

describe('leakedTokensOutsideCalls', () => {
  it('does not count the envelope of a text call as leaked tokens', () => {
    const text = 'ok<|im_end|><|python_tag|>{"name": "Read", "parameters": {"file_path": "a"}}<|eom_id|><unused3>';
    const msg = message([{ type: 'text', text }]);
    const found = findMessageTextCalls(msg, textCallContext(tools, tables), (n) => `t${n}`);
    expect(leakedTokensOutsideCalls(msg, found)).toEqual(['<|im_end|>', '<unused3>']);
  });
});
