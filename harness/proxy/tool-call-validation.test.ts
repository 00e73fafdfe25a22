import { describe, expect, it } from 'vitest';
import { createSchemaValidator } from './schema-validator.ts';
import { claudeCodeTools } from './test-kit/claude-code-tools.ts';
import { parseToolArguments, validateToolCall } from './tool-call-validation.ts';

const tools = claudeCodeTools();
const validator = createSchemaValidator();

function judge(name: string, rawJson: string) {
  const parsed = parseToolArguments(rawJson);
  return validateToolCall({ name, input: parsed.input, rawJson, parseError: parsed.error }, tools, validator);
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
});
