import { describe, expect, it } from 'vitest';
import { createSchemaValidator } from './schema-validator.ts';
import { claudeCodeTools } from './test-kit/claude-code-tools.ts';
import { parseToolArguments, validateToolCall } from './tool-call-validation.ts';

const tools = claudeCodeTools();
const validator = createSchemaValidator();

function judge(name: string, rawJson: string, cut = false) {
  const parsed = parseToolArguments(rawJson);
  return validateToolCall({ name, input: parsed.input, rawJson, parseError: parsed.error, cut }, tools, validator);
}

describe('validateToolCall against Claude Code schemas', () => {
  it('accepts a call that matches the offered schema', () => {
    expect(judge('Write', '{"file_path":"/w/a.py","content":"x"}')).toEqual({ kind: 'valid' });
  });

  it('treats empty arguments as an empty object', () => {
    expect(parseToolArguments('')).toEqual({ input: {}, error: null });
    expect(judge('Write', '')).toMatchObject({ kind: 'schema_violation', missing: ['file_path', 'content'] });
  });

  it('names the offered tools for an unknown tool', () => {
    const result = judge('write_file', '{"path":"a"}');
    expect(result.kind).toBe('unknown_tool');
    if (result.kind === 'unknown_tool') expect(result.offeredTools).toEqual(tools.map((t) => t.name));
  });

  it('lists missing and unexpected keys of a schema violation', () => {
    const result = judge('Write', '{"filename":"a.py","text":"x"}');
    expect(result).toMatchObject({
      kind: 'schema_violation',
      missing: ['file_path', 'content'],
      unexpected: ['filename', 'text'],
    });
    if (result.kind === 'schema_violation')
      expect(result.errors.join('\n')).toMatch(/must have required property 'file_path'/);
  });

  it('reports a wrong type without missing or unexpected keys', () => {
    const result = judge('Bash', '{"command": 42}');
    expect(result).toMatchObject({ kind: 'schema_violation', missing: [], unexpected: [] });
    if (result.kind === 'schema_violation') expect(result.errors).toEqual(['/command must be string']);
  });

  it.each([
    ['cut-off JSON', '{"file_path": "a.py", "content": "x'],
    ['a JSON string', '"print(1)"'],
    ['a JSON string holding an array', '"[1]"'],
    ['a JSON array', '[1, 2]'],
  ])('calls %s unparseable and keeps the raw text', (_label, raw) => {
    const result = judge('Write', raw);
    expect(result).toMatchObject({ kind: 'unparseable', rawJson: raw });
  });

  it('validates against schemas in older drafts too', () => {
    const draft7 = [
      {
        name: 'T',
        input_schema: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', required: ['a'] },
      },
    ];
    const result = validateToolCall({ name: 'T', input: {}, rawJson: '{}', parseError: null }, draft7, validator);
    expect(result).toMatchObject({ kind: 'schema_violation', missing: ['a'] });
  });

  it.each([
    [
      'F13: integers as strings',
      'Read',
      '{"file_path":"/w/a.py","offset":"130","limit":"80"}',
      [
        { name: 'offset', expected: 'integer', got: 'string' },
        { name: 'limit', expected: 'integer', got: 'string' },
      ],
    ],
    [
      'a boolean as a string',
      'Edit',
      '{"file_path":"a.py","old_string":"a","new_string":"b","replace_all":"false"}',
      [{ name: 'replace_all', expected: 'boolean', got: 'string' }],
    ],
  ])('calls %s an argument_type error naming each field', (_label, name, raw, fields) => {
    expect(judge(name, raw)).toEqual({ kind: 'argument_type', fields });
  });

  it('keeps a schema violation when coercing the types alone would not validate', () => {
    expect(judge('Read', '{"path":"/w/a.py","limit":"80"}')).toMatchObject({
      kind: 'schema_violation',
      unexpected: ['path'],
    });
    expect(judge('Read', '{"file_path":"/w/a.py","limit":"0"}')).toMatchObject({ kind: 'schema_violation' });
  });

  it('calls arguments that are a JSON string holding the object double-encoded (F25)', () => {
    const raw = JSON.stringify(JSON.stringify({ file_path: 'a.py', content: 'x' }));
    expect(judge('Write', raw)).toEqual({ kind: 'double_encoded', rawJson: raw });
  });

  it.each([
    ['cut inside a string (F14, F16)', '{"file_path": "/w/a.py", "content": "def f'],
    ['cut before any argument', ''],
    ['closed at a key boundary by the server', '{"file_path": "/w/a.py"}'],
  ])('calls the last call of a max_tokens message truncated when %s', (_label, raw) => {
    expect(judge('Write', raw, true)).toEqual({ kind: 'truncated', rawJson: raw });
  });

  it.each([
    ['complete and valid', '{"file_path": "/w/a.py", "content": "x"}', 'valid'],
    ['complete with a wrong parameter name', '{"filename": "/w/a.py", "content": "x"}', 'schema_violation'],
  ])('does not call a max_tokens last call truncated when it is %s', (_label, raw, kind) => {
    expect(judge('Write', raw, true).kind).toBe(kind);
  });

  it('judges the name before the cut: an unknown tool stays unknown', () => {
    expect(judge('write_file', '{"path": "a', true).kind).toBe('unknown_tool');
  });
});
