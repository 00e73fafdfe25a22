import { describe, expect, it } from 'vitest';
import { isRecord, tryParseJson } from './json.ts';

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
