import { describe, expect, it } from 'vitest';
import { longFunctions } from './long-functions.ts';

/** A body of `n` lines in all, the opening and closing lines included. */
const body = (n: number): string => `{\n${'  step();\n'.repeat(n - 2)}}`;

describe('longFunctions', () => {
  it.each([
    ['a declaration of 81 lines', `/** Doc.\n * More. */\nfunction run() ${body(81)}`, [['run', 3, 81]]],
    ['a declaration of exactly 80 lines', `function run() ${body(80)}`, []],
    ['an arrow function in a const', `const onChunk = (x: number) => ${body(81)};`, [['onChunk', 1, 81]]],
    [
      'a method and a constructor',
      `class Decoder {\n  constructor() ${body(81)}\n  push() ${body(90)}\n}`,
      [
        ['Decoder.constructor', 2, 81],
        ['Decoder.push', 83, 90],
      ],
    ],
    ['an object property', `const table = {\n  parse: function () ${body(81)},\n};`, [['parse', 2, 81]]],
    [
      'a nested function, both over',
      `function outer() {\n  const inner = () => ${body(81)};\n}`,
      [
        ['outer', 1, 83],
        ['outer.inner', 2, 81],
      ],
    ],
    ['an anonymous callback', `items.map((item) => ${body(81)});`, [['<anonymous@1>', 1, 81]]],
  ])('measures %s', (_case, source, expected) => {
    expect(longFunctions(source, 'example.ts', 80).map((f) => [f.name, f.line, f.lines])).toEqual(expected);
  });
});
