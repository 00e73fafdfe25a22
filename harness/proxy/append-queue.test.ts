import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../core/context.ts';
import { createAppendQueue } from './append-queue.ts';

const collecting = (): Logger & { warnings: string[] } => {
  const warnings: string[] = [];
  return { warnings, info() {}, debug() {}, warn: (m) => void warnings.push(m) };
};

describe('createAppendQueue', () => {
  it('writes every line in order, creating the directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'append-'));
    const file = join(dir, 'deep', 'log.jsonl');
    const queue = createAppendQueue(collecting());
    for (let i = 0; i < 50; i++) queue.append(file, `${i}\n`);
    await queue.flush();
    queue.append(file, 'last\n');
    await queue.flush();
    expect((await readFile(file, 'utf8')).trim().split('\n')).toEqual([
      ...Array.from({ length: 50 }, (_, i) => String(i)),
      'last',
    ]);
  });

  it('logs a write failure once and does not throw', async () => {
    const logger = collecting();
    const queue = createAppendQueue(logger);
    // A directory path through a regular file cannot be created.
    const blocker = join(await mkdtemp(join(tmpdir(), 'append-')), 'file');
    await writeFile(blocker, '');
    const file = join(blocker, 'log.jsonl');
    queue.append(file, 'a\n');
    queue.append(file, 'b\n');
    await queue.flush();
    queue.append(file, 'c\n');
    await queue.flush();
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).toMatch(/cannot write exchange log/);
  });
});
