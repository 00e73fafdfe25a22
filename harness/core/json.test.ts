import { describe, expect, it } from 'vitest';
import { isRecord, nonEmptyText, numberField, positiveWholeNumber, tryParseJson, wholeNumber } from './json.ts';

describe('isRecord', () => {
  it.each([
    [{}, true],
    [{ a: 1 }, true],
    [[], false],
    [null, false],
    ['{}', false],
    [1, false],
    [undefined, false],
  ])('%j → %s', (value, expected) => {
    expect(isRecord(value)).toBe(expected);
  });
});

describe('tryParseJson', () => {
  it.each([
    ['{"a":1}', { ok: true, value: { a: 1 } }],
    ['[1]', { ok: true, value: [1] }],
    ['{"a":', { ok: false }],
    ['', { ok: false }],
  ])('%j', (text, expected) => {
    expect(tryParseJson(text)).toMatchObject(expected);
  });
});

describe('numberField', () => {
  it.each([
    [{ n: 3.5 }, 3.5],
    [{ n: 0 }, 0],
    [{ n: '3' }, null],
    [{ n: Number.NaN }, null],
    [{ n: Number.POSITIVE_INFINITY }, null],
    [{}, null],
  ])('%j → %s', (record, expected) => {
    expect(numberField(record, 'n')).toBe(expected);
  });
});

describe('wholeNumber and positiveWholeNumber', () => {
  it.each([
    [4096, 4096, 4096],
    [0, 0, null],
    [-1, null, null],
    [1.5, null, null],
    ['8', null, null],
    [null, null, null],
  ])('%j → %s, %s', (value, whole, positive) => {
    expect([wholeNumber(value), positiveWholeNumber(value)]).toEqual([whole, positive]);
  });
});

describe('nonEmptyText', () => {
  it.each([
    ['qwen3', 'qwen3'],
    ['', null],
    [1, null],
    [undefined, null],
  ])('%j → %j', (value, expected) => {
    expect(nonEmptyText(value)).toBe(expected);
  });
});
