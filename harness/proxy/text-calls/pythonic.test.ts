import { describe, expect, it } from 'vitest';
import { scanPythonicCalls } from './pythonic.ts';

describe('scanPythonicCalls', () => {
  it.each([
    ['get_weather(city="Paris")', false, [{ name: 'get_weather', args: { city: 'Paris' } }]],
    [
      "f(a='x', b=2, c=-1.5, d=True, e=None, f=[1, (2, 3)], g={'k': 'v'})",
      false,
      [{ name: 'f', args: { a: 'x', b: 2, c: -1.5, d: true, e: null, f: [1, [2, 3]], g: { k: 'v' } } }],
    ],
    ['default_api.tool_name(x=2, y="hello")', false, [{ name: 'default_api.tool_name', args: { x: 2, y: 'hello' } }]],
    [
      '[a(x=1), b()]',
      true,
      [
        { name: 'a', args: { x: 1 } },
        { name: 'b', args: {} },
      ],
    ],
    ['f(s="""multi\nline""")', false, [{ name: 'f', args: { s: 'multi\nline' } }]],
    ['f(s="tab\\there")', false, [{ name: 'f', args: { s: 'tab\there' } }]],
  ])('reads %j', (text, list, calls) => {
    const scan = scanPythonicCalls(text, 0, list);
    expect(scan.kind === 'complete' && scan.calls.map(({ name, args }) => ({ name, args }))).toEqual(calls);
  });

  it.each([
    ['get_weather(city="Par', 'partial'],
    ['f(flag=Tru', 'partial'],
    ['f(n=12', 'partial'],
    ["f(s=''", 'partial'],
    ['[a(x=1), ', 'partial'],
    ['print(x)', 'invalid'],
    ['import numpy as np', 'invalid'],
    ['f(1, 2)', 'invalid'],
    ['f(s="no\nnewline")', 'invalid'],
    ['[the docs](https://example.com)', 'invalid'],
  ])('scans %j as %s', (text, kind) => {
    expect(scanPythonicCalls(text, 0, text.startsWith('[')).kind).toBe(kind);
  });
});
