import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAliasTables } from './alias-tables.ts';

async function tempFile(content: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'aliases-'));
  const file = join(dir, 'mine.json');
  await writeFile(file, content);
  return file;
}

describe('loadAliasTables', () => {
  it('loads the shipped tables', async () => {
    const tables = await loadAliasTables();
    expect(tables.tools.Write).toContain('write_file');
    expect(tables.params.file_path).toContain('path');
    expect(tables.paramsByTool.Edit?.new_string).toContain('content');
  });

  it('appends a user file to the shipped lists', async () => {
    const file = await tempFile(JSON.stringify({ tools: { Write: ['dump_to_disk'], Frobnicate: ['frob'] } }));
    const tables = await loadAliasTables([file]);
    expect(tables.tools.Write).toEqual(expect.arrayContaining(['write_file', 'dump_to_disk']));
    expect(tables.tools.Frobnicate).toEqual(['frob']);
  });

  it.each([
    ['a list of numbers', JSON.stringify({ tools: { Write: [1, 2] } }), /invalid.*\/tools\/Write\/0/],
    ['an unknown section', JSON.stringify({ tool: {} }), /invalid/],
    ['broken JSON', '{"tools": ', /cannot be read as JSON/],
  ])('rejects a user file with %s', async (_label, content, message) => {
    const file = await tempFile(content);
    await expect(loadAliasTables([file])).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringMatching(message),
    });
  });
});
