import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HarnessError } from './errors.ts';
import { readTextFile } from './read-text-file.ts';

describe('readTextFile', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'read-text-file-'));
    await writeFile(path.join(dir, 'report.json'), '{"schemaVersion":2}\n');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('returns the text of a readable file', async () => {
    await expect(readTextFile(path.join(dir, 'report.json'), 'report', 'pass a report')).resolves.toBe(
      '{"schemaVersion":2}\n',
    );
  });

  it.each([
    ['missing.json', 'ENOENT'],
    ['.', 'EISDIR'],
  ])('a %s names the file, the errno and the hint in a USAGE error (%s)', async (name, code) => {
    const file = path.join(dir, name);
    const error = await readTextFile(file, 'report', 'pass the path of a report.json').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HarnessError);
    expect(error).toMatchObject({
      code: 'USAGE',
      message: `Cannot read report ${file} (${code}); pass the path of a report.json.`,
    });
  });
});
