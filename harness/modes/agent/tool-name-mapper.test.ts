import { describe, expect, it } from 'vitest';
import { loadAliasTables } from '../../proxy/alias-tables.ts';
import { toolNameMapper } from './tool-name-mapper.ts';

const offered = ['Agent', 'Bash', 'Edit', 'Read', 'Skill', 'ToolSearch', 'Write'];

describe('toolNameMapper with the shipped alias tables', () => {
  it.each([
    ['write_file', 'Write'],
    ['create_file', 'Write'],
    ['functions.Write', 'Write'],
    ['write', 'Write'],
    ['run_command', 'Bash'],
    ['str_replace_editor', 'Edit'],
    ['web_search', null],
    ['memory_store', null],
    ['Glob', null],
  ])('maps %s to %s', async (name, expected) => {
    const mapper = toolNameMapper(await loadAliasTables());
    expect(mapper(name, offered)).toBe(expected);
  });

  it('maps only to tools the request offered', async () => {
    const mapper = toolNameMapper(await loadAliasTables());
    expect(mapper('web_search', [...offered, 'WebSearch'])).toBe('WebSearch');
    expect(mapper('write_file', ['Bash'])).toBeNull();
  });
});
