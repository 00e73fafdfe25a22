import { describe, expect, it } from 'vitest';
import { parseJsonLenient, scanJson } from './json-scan.ts';

describe('scanJson', () => {
  it.each([
    ['{"a": 1}', 'complete'],
    ['[{"a": [1, 2.5e-3, true, null]}]', 'complete'],
    ['{"a": "x\\"y"}', 'complete'],
    ['{', 'partial'],
    ['{"na', 'partial'],
    ['{"a": 1', 'partial'],
    ['{"a": 1.', 'partial'],
    ['{"a": 1e', 'partial'],
    ['{"a": -', 'partial'],
    ['{"a": tr', 'partial'],
    ['{"a": "\\u00', 'partial'],
    ['{"a": "line\nbreak"}', 'complete'],
    ["{'a': 1}", 'invalid'],
    ['{a: 1}', 'invalid'],
    ['{"a" 1}', 'invalid'],
    ['{"a": 1,}', 'invalid'],
    ['{"a": 1 2}', 'invalid'],
    ['{"a": tru}', 'invalid'],
    ['{"a": "\\q"}', 'invalid'],
    ['{ x', 'invalid'],
  ])('scans %j as %s', (text, kind) => {
    expect(scanJson(text, 0).kind).toBe(kind);
  });

  it('ends where the object ends, not where the text does', () => {
    expect(scanJson('say {"a": {"b": []}} and more', 4)).toMatchObject({ kind: 'complete', end: 20 });
  });

  it('lists the outer keys, with open values still open', () => {
    const scan = scanJson('{"name": "Read", "arguments": {"file_path": "/a', 0);
    expect(scan.kind === 'partial' && scan.keys.map((k) => [k.key, k.valueEnd !== null])).toEqual([
      ['name', true],
      ['arguments', false],
    ]);
  });

  it('marks where each element of an outer array ends', () => {
    expect(scanJson('[{"a":1}, {"b":2}]', 0)).toMatchObject({ kind: 'complete', elementEnds: [8, 17] });
  });
});

describe('parseJsonLenient', () => {
  it.each([
    ['{"a": "x"}', { a: 'x' }, false],
    ['{"code": "def f():\n\treturn 1"}', { code: 'def f():\n\treturn 1' }, true],
  ])('reads %j', (text, value, escaped) => {
    expect(parseJsonLenient(text)).toEqual({ ok: true, value, escapedControls: escaped });
  });

  it('reports why broken JSON does not read', () => {
    expect(parseJsonLenient('{"a": }')).toMatchObject({ ok: false });
  });
});
