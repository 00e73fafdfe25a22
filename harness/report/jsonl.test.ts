import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendRunJsonl, parseRunsJsonl, readRunsJsonl } from './jsonl.ts';
import { sampleRun } from './test-kit/sample-runs.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'report-jsonl-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('appendRunJsonl and readRunsJsonl', () => {
  it('appends one line per run, creating missing directories', async () => {
    const file = path.join(dir, 'nested', 'out', 'runs.jsonl');
    await appendRunJsonl(file, sampleRun({ id: 'one' }));
    await appendRunJsonl(file, sampleRun({ id: 'two', mode: 'agent' }));
    const text = await readFile(file, 'utf8');
    expect(text.split('\n')).toHaveLength(3);
    const read = await readRunsJsonl(file);
    expect(read.runs.map((r) => [r.id, r.mode])).toEqual([
      ['one', 'raw'],
      ['two', 'agent'],
    ]);
    expect(read.dropped).toBe(0);
  });

  it('keeps the complete runs and counts a truncated last line as dropped', async () => {
    const file = path.join(dir, 'runs.jsonl');
    await appendRunJsonl(file, sampleRun({ id: 'finished' }));
    const cut = JSON.stringify(sampleRun({ id: 'interrupted' })).slice(0, 120);
    await appendFile(file, cut);
    const read = await readRunsJsonl(file);
    expect(read.runs.map((r) => r.id)).toEqual(['finished']);
    expect(read.dropped).toBe(1);
  });

  it('reads a missing file as no runs', async () => {
    expect(await readRunsJsonl(path.join(dir, 'absent.jsonl'))).toEqual({ runs: [], dropped: 0 });
  });
});

describe('parseRunsJsonl', () => {
  it.each([
    {
      name: 'blank lines are skipped',
      text: `\n${JSON.stringify(sampleRun({ id: 'a' }))}\n\n`,
      ids: ['a'],
      dropped: 0,
    },
    {
      name: 'a JSON array is not a run',
      text: `[1,2]\n${JSON.stringify(sampleRun({ id: 'b' }))}\n`,
      ids: ['b'],
      dropped: 1,
    },
    { name: 'an object without an id is not a run', text: '{"model":"x","status":"completed"}\n', ids: [], dropped: 1 },
    {
      name: 'a line without a newline at the end still counts',
      text: JSON.stringify(sampleRun({ id: 'c' })),
      ids: ['c'],
      dropped: 0,
    },
  ])('$name', ({ text, ids, dropped }) => {
    const read = parseRunsJsonl(text);
    expect(read.runs.map((r) => r.id)).toEqual(ids);
    expect(read.dropped).toBe(dropped);
  });
});
