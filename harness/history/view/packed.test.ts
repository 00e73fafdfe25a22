import { describe, expect, it } from 'vitest';
import { readHistoryBundles } from '../test-kit/fixture-nights.ts';
import type { HistoryData } from '../view-model.ts';
import { packHistory, packTable, unpackHistory, unpackTable } from './packed.ts';

describe('packed tables', () => {
  it.each([
    [
      [
        { a: 'x', b: 1 },
        { a: 'y', b: 2 },
        { a: 'x', b: null },
      ],
    ],
    [
      [
        { s: { median: 1.5, p5: null, n: 3 }, t: true },
        { s: { median: null, p5: 2, n: 0 }, t: false },
      ],
    ],
    [
      [
        { reasons: ['level 6 → 3', 'tests'], mode: 'agent' },
        { reasons: [], mode: null },
      ],
    ],
    [[{ mixed: 'a' }, { mixed: 2 }]],
    [[]],
  ])('give back the records they were given: %j', (records) => {
    const packed = packTable(records);
    expect(unpackTable(JSON.parse(JSON.stringify(packed)))).toEqual(records);
  });

  it('keep a column with one value in every row out of the rows', () => {
    const packed = packTable([
      { kind: null, rescue: false, level: 6 },
      { kind: null, rescue: false, level: 3 },
    ]);
    expect(packed).toEqual({
      constants: { kind: null, rescue: false },
      columns: ['level'],
      dictionaries: [null],
      rows: [[6], [3]],
    });
  });

  it('store an all-string column once per distinct value', () => {
    const packed = packTable([{ model: 'gemma4:26b' }, { model: 'gemma4:26b' }, { model: 'glm-4.7-flash' }]);
    expect(packed).toEqual({
      constants: {},
      columns: ['model'],
      dictionaries: [['gemma4:26b', 'glm-4.7-flash']],
      rows: [[0], [0], [1]],
    });
  });
});

describe('the packed history', () => {
  it('unpacks to the fixture history it was packed from, at a third of the size or less', async () => {
    const nights = (await readHistoryBundles()).map((b) => b.night);
    const data: HistoryData = { format: 'bench-history', version: 1, generatedAt: '2026-04-03T00:00:00.000Z', nights };
    const text = JSON.stringify(packHistory(data));
    expect(unpackHistory(JSON.parse(text))).toEqual(data);
    expect(text.length).toBeLessThan(JSON.stringify(data).length / 3);
  });
});
