import { describe, expect, it } from 'vitest';
import { coerceArguments, decodeDoubleEncoded } from './argument-coercion.ts';
import { claudeCodeTools } from './test-kit/claude-code-tools.ts';

const schemaOf = (name: string): unknown => claudeCodeTools().find((tool) => tool.name === name)?.input_schema;

const todoSchema = {
  type: 'object',
  properties: {
    todos: {
      type: 'array',
      items: { type: 'object', properties: { content: { type: 'string' }, priority: { type: 'integer' } } },
    },
  },
};

describe('coerceArguments', () => {
  it.each([
    [
      'F13: integers sent as strings (Read)',
      'Read',
      { file_path: '/w/a.py', offset: '130', limit: '80' },
      { file_path: '/w/a.py', offset: 130, limit: 80 },
      [
        { name: 'offset', expected: 'integer', got: 'string' },
        { name: 'limit', expected: 'integer', got: 'string' },
      ],
    ],
    [
      'a boolean sent as a string (Edit replace_all)',
      'Edit',
      { file_path: 'a.py', old_string: 'a', new_string: 'b', replace_all: 'false' },
      { file_path: 'a.py', old_string: 'a', new_string: 'b', replace_all: false },
      [{ name: 'replace_all', expected: 'boolean', got: 'string' }],
    ],
    [
      'Python-style True and a float for a number (Bash)',
      'Bash',
      { command: 'ls', timeout: '1.5e3', run_in_background: 'True' },
      { command: 'ls', timeout: 1500, run_in_background: true },
      [
        { name: 'timeout', expected: 'number', got: 'string' },
        { name: 'run_in_background', expected: 'boolean', got: 'string' },
      ],
    ],
  ])('%s', (_label, tool, input, coerced, fields) => {
    const result = coerceArguments(input, schemaOf(tool));
    expect(result?.input).toEqual(coerced);
    expect(result?.fields.map(({ name, expected, got }) => ({ name, expected, got }))).toEqual(fields);
  });

  it.each([
    ['strings where the schema wants strings', 'Write', { file_path: '1', content: 'true' }],
    ['a fraction for an integer', 'Read', { file_path: 'a', limit: '2.5' }],
    ['words for a number', 'Read', { file_path: 'a', limit: 'fifty' }],
    ['a key the schema does not know', 'Read', { file_path: 'a', lines: '5' }],
    ['values already of the right type', 'Read', { file_path: 'a', limit: 5 }],
  ])('leaves %s alone', (_label, tool, input) => {
    expect(coerceArguments(input, schemaOf(tool))).toBeNull();
  });

  it('decodes a nested array sent as a JSON string and coerces inside it (F25, Ollama /v1/messages)', () => {
    const input = { todos: '[{"content": "write tests", "priority": "2"}]' };
    expect(coerceArguments(input, todoSchema)).toEqual({
      input: { todos: [{ content: 'write tests', priority: 2 }] },
      fields: [
        {
          name: 'todos',
          expected: 'array',
          got: 'string',
          before: input.todos,
          after: [{ content: 'write tests', priority: '2' }],
        },
        { name: 'todos[0].priority', expected: 'integer', got: 'string', before: '2', after: 2 },
      ],
    });
  });

  it('does not touch arguments that are not an object', () => {
    expect(coerceArguments('{"limit": "5"}', schemaOf('Read'))).toBeNull();
  });
});

describe('decodeDoubleEncoded', () => {
  it.each([
    ['F25: the object inside a JSON string', '{\n  "city": "Bengaluru"\n}', { city: 'Bengaluru' }],
    ['a string holding a string', '"print(1)"', null],
    ['a string holding an array', '[1]', null],
    ['text that is not JSON', 'print(1)', null],
    ['an object (not encoded)', { a: 1 }, null],
  ])('%s', (_label, input, expected) => {
    expect(decodeDoubleEncoded(input)).toEqual(expected);
  });
});
