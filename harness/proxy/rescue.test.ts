import { beforeAll, describe, expect, it } from 'vitest';
import type { ToolDefinition } from '../core/messages.ts';
import { type AliasTables, loadAliasTables, mergeAliasFiles } from './alias-tables.ts';
import { rescueToolCall } from './rescue.ts';
import { createSchemaValidator } from './schema-validator.ts';
import { claudeCodeTools, globTool, grepTool } from './test-kit/claude-code-tools.ts';

const tools: ToolDefinition[] = [...claudeCodeTools(), globTool, grepTool];
const validator = createSchemaValidator();
let tables: AliasTables;
beforeAll(async () => {
  tables = await loadAliasTables();
});

describe('rescueToolCall with the shipped tables and Claude Code tools', () => {
  it.each([
    [
      'write_file/path → Write/file_path',
      { name: 'write_file', input: { path: '/w/app.py', content: 'x' } },
      { name: 'Write', input: { file_path: '/w/app.py', content: 'x' } },
    ],
    [
      'Write/filename → file_path',
      { name: 'Write', input: { filename: 'app.py', content: 'x' } },
      { name: 'Write', input: { file_path: 'app.py', content: 'x' } },
    ],
    [
      'writeFile/filePath/text',
      { name: 'writeFile', input: { filePath: 'a.py', text: 'x' } },
      { name: 'Write', input: { file_path: 'a.py', content: 'x' } },
    ],
    [
      'create_file → Write',
      { name: 'create_file', input: { file_path: 'a.py', content: '' } },
      { name: 'Write', input: { file_path: 'a.py', content: '' } },
    ],
    [
      'read_file/path → Read',
      { name: 'read_file', input: { path: 'a.py' } },
      { name: 'Read', input: { file_path: 'a.py' } },
    ],
    [
      'str_replace/path/old/new → Edit',
      { name: 'str_replace', input: { path: 'a.py', old: 'a', new: 'b' } },
      { name: 'Edit', input: { file_path: 'a.py', old_string: 'a', new_string: 'b' } },
    ],
    [
      'edit_file/old_str/new_str',
      { name: 'edit_file', input: { file_path: 'a.py', old_str: 'a', new_str: 'b' } },
      { name: 'Edit', input: { file_path: 'a.py', old_string: 'a', new_string: 'b' } },
    ],
    [
      'run_command/cmd → Bash',
      { name: 'run_command', input: { cmd: 'pytest -q' } },
      { name: 'Bash', input: { command: 'pytest -q' } },
    ],
    [
      'bash (lower case) → Bash',
      { name: 'bash', input: { command: 'ls' } },
      { name: 'Bash', input: { command: 'ls' } },
    ],
    [
      'execute_command/script',
      { name: 'execute_command', input: { script: 'ls' } },
      { name: 'Bash', input: { command: 'ls' } },
    ],
    [
      'functions.Write namespace',
      { name: 'functions.Write', input: { file_path: 'a', content: 'b' } },
      { name: 'Write', input: { file_path: 'a', content: 'b' } },
    ],
    [
      'list_files/pattern → Glob',
      { name: 'list_files', input: { pattern: '*.py' } },
      { name: 'Glob', input: { pattern: '*.py' } },
    ],
    [
      'search_files/regex → Grep',
      { name: 'search_files', input: { regex: 'def ' } },
      { name: 'Grep', input: { pattern: 'def ' } },
    ],
  ])('rewrites %s', (_label, call, expected) => {
    const outcome = rescueToolCall(call, tools, tables, validator);
    expect(outcome.call).toEqual(expected);
    expect(outcome.rewrites.length).toBeGreaterThan(0);
    for (const rewrite of outcome.rewrites) expect(rewrite.where).toBe('response');
  });

  it.each([
    ['a valid call', { name: 'Write', input: { file_path: 'a.py', content: 'x' } }],
    ['an unknown name with no alias', { name: 'teleport', input: { where: 'mars' } }],
    ['an alias whose input would still miss a required key', { name: 'write_file', input: { path: 'a.py' } }],
    [
      'an alias whose input keeps an unknown key',
      { name: 'write_file', input: { path: 'a.py', content: 'x', mode: 'w' } },
    ],
    [
      'a rename onto a key that is already given',
      { name: 'Write', input: { file_path: 'a.py', path: 'b.py', content: 'x' } },
    ],
    ['an input that is not an object', { name: 'write_file', input: 'print(1)' }],
    ['an alias of a tool the request does not offer', { name: 'todo_write', input: { todos: [] } }],
  ])('forwards %s unchanged', (_label, call) => {
    const outcome = rescueToolCall(call, tools, tables, validator);
    expect(outcome.call).toBe(call);
    expect(outcome.rewrites).toEqual([]);
  });

  it('records the tool-name and each parameter rewrite with before and after', () => {
    const outcome = rescueToolCall(
      { name: 'write_file', input: { path: 'a.py', text: 'x' } },
      tools,
      tables,
      validator,
    );
    expect(outcome.rewrites.map(({ kind, before, after }) => ({ kind, before, after }))).toEqual([
      { kind: 'tool_name', before: 'write_file', after: 'Write' },
      { kind: 'param_name', before: 'path', after: 'file_path' },
      { kind: 'param_name', before: 'text', after: 'content' },
    ]);
  });

  it('keeps a key the schema knows even when it is an alias elsewhere', () => {
    const call = { name: 'Grep', input: { pattern: 'x', path: 'src' } };
    expect(rescueToolCall(call, tools, tables, validator).call).toBe(call);
  });

  it('uses the per-tool table before the general one (Edit content → new_string)', () => {
    const outcome = rescueToolCall(
      { name: 'Edit', input: { file_path: 'a', old_string: 'x', content: 'y' } },
      tools,
      tables,
      validator,
    );
    expect(outcome.call.input).toEqual({ file_path: 'a', old_string: 'x', new_string: 'y' });
  });

  it('maps only onto offered tools', () => {
    const onlyRead = tools.filter((tool) => tool.name === 'Read');
    const call = { name: 'write_file', input: { file_path: 'a', content: 'b' } };
    expect(rescueToolCall(call, onlyRead, tables, validator).call).toBe(call);
  });

  it('applies user tables merged over the shipped ones', () => {
    const custom = mergeAliasFiles([{ tools: { Write: ['dump_to_disk'] }, params: { content: ['payload'] } }]);
    const outcome = rescueToolCall(
      { name: 'dump_to_disk', input: { file_path: 'a', payload: 'b' } },
      tools,
      custom,
      validator,
    );
    expect(outcome.call).toEqual({ name: 'Write', input: { file_path: 'a', content: 'b' } });
  });

  it.each([
    [
      'F13: integers sent as strings',
      { name: 'Read', input: { file_path: '/w/a.py', offset: '130', limit: '80' } },
      { name: 'Read', input: { file_path: '/w/a.py', offset: 130, limit: 80 } },
      [{ kind: 'argument_type', before: { offset: '130', limit: '80' }, after: { offset: 130, limit: 80 } }],
    ],
    [
      'a boolean sent as a string',
      { name: 'Edit', input: { file_path: 'a', old_string: 'x', new_string: 'y', replace_all: 'false' } },
      { name: 'Edit', input: { file_path: 'a', old_string: 'x', new_string: 'y', replace_all: false } },
      [{ kind: 'argument_type', before: { replace_all: 'false' }, after: { replace_all: false } }],
    ],
    [
      'a mapped name and parameter with a string number',
      { name: 'read_file', input: { path: 'a.py', limit: '5' } },
      { name: 'Read', input: { file_path: 'a.py', limit: 5 } },
      [
        { kind: 'tool_name', before: 'read_file', after: 'Read' },
        { kind: 'param_name', before: 'path', after: 'file_path' },
        { kind: 'argument_type', before: { limit: '5' }, after: { limit: 5 } },
      ],
    ],
    [
      'F25: double-encoded arguments',
      { name: 'Write', input: '{"file_path": "a.py", "content": "x"}' },
      { name: 'Write', input: { file_path: 'a.py', content: 'x' } },
      [
        {
          kind: 'argument_type',
          before: '{"file_path": "a.py", "content": "x"}',
          after: { file_path: 'a.py', content: 'x' },
        },
      ],
    ],
  ])('coerces argument types: %s', (_label, call, expected, rewrites) => {
    const outcome = rescueToolCall(call, tools, tables, validator);
    expect(outcome).toMatchObject({ call: expected, valid: true });
    expect(outcome.rewrites.map(({ kind, before, after }) => ({ kind, before, after }))).toEqual(rewrites);
  });

  it.each([
    ['a string that is not a number', { name: 'Read', input: { file_path: 'a', limit: 'all' } }],
    ['a string number that breaks the minimum', { name: 'Read', input: { file_path: 'a', limit: '0' } }],
    ['double-encoded arguments that still miss a key', { name: 'Write', input: '{"file_path": "a.py"}' }],
  ])('leaves %s as sent and says it does not validate', (_label, call) => {
    expect(rescueToolCall(call, tools, tables, validator)).toEqual({ call, rewrites: [], valid: false });
  });
});
