import { describe, expect, it } from 'vitest';
import { extractCodeBlocks } from './extract-code.ts';

const fence = '```';

describe('extractCodeBlocks', () => {
  it.each([
    {
      name: 'a closed python block',
      text: `Here you go:\n${fence}python\nx = 1\n${fence}\nDone.`,
      expected: [{ lang: 'python', code: 'x = 1', closed: true, index: 0, precedingLine: 'Here you go:' }],
    },
    {
      name: 'a block without a language',
      text: `${fence}\nprint("hi")\n${fence}`,
      expected: [{ lang: null, code: 'print("hi")', closed: true, index: 0, precedingLine: null }],
    },
    {
      name: 'a ~~~ fence with the py language',
      text: `~~~py\ndef f():\n    return 2\n~~~\n`,
      expected: [{ lang: 'py', code: 'def f():\n    return 2', closed: true, index: 0, precedingLine: null }],
    },
    {
      name: 'a final block left open at the token limit',
      text: `Intro\n${fence}python\nclass A:\n    def get(self`,
      expected: [
        { lang: 'python', code: 'class A:\n    def get(self', closed: false, index: 0, precedingLine: 'Intro' },
      ],
    },
    {
      name: 'a ``` line inside a ~~~ block as code',
      text: `~~~markdown\n${fence}python\nx = 1\n${fence}\n~~~`,
      expected: [
        { lang: 'markdown', code: `${fence}python\nx = 1\n${fence}`, closed: true, index: 0, precedingLine: null },
      ],
    },
    {
      name: 'a longer closing fence',
      text: `${fence}python\na = 1\n${fence}${fence}`,
      expected: [{ lang: 'python', code: 'a = 1', closed: true, index: 0, precedingLine: null }],
    },
    {
      name: 'an indented fence inside a list item, dedented',
      text: `1. Create the file:\n   ${fence}python\n   def f():\n       return 1\n   ${fence}`,
      expected: [
        {
          lang: 'python',
          code: 'def f():\n    return 1',
          closed: true,
          index: 0,
          precedingLine: '1. Create the file:',
        },
      ],
    },
    {
      name: 'CRLF line endings',
      text: `${fence}python\r\nx = 1\r\ny = 2\r\n${fence}\r\n`,
      expected: [{ lang: 'python', code: 'x = 1\ny = 2', closed: true, index: 0, precedingLine: null }],
    },
    {
      name: 'an info string with attributes (language lower-cased)',
      text: `${fence}Python title="lru_cache.py"\nx = 1\n${fence}`,
      expected: [{ lang: 'python', code: 'x = 1', closed: true, index: 0, precedingLine: null }],
    },
    {
      name: 'a block closed by a fence with a leaked template token glued to it',
      text: `${fence}python\nx = 1\n${fence}<end_of_turn>`,
      expected: [{ lang: 'python', code: 'x = 1', closed: true, index: 0, precedingLine: null }],
    },
    {
      name: 'no fence at all',
      text: 'Just prose about caches, no code.',
      expected: [],
    },
  ])('extracts $name', ({ text, expected }) => {
    expect(extractCodeBlocks(text)).toEqual(expected);
  });

  it('keeps blocks of every language in answer order with prose between them', () => {
    const text = [
      'First the implementation, **`lru_cache.py`**:',
      '',
      `${fence}python`,
      'class LRUCache: ...',
      fence,
      'Some prose that mentions ``` inline is not a fence.',
      `${fence}bash`,
      'pytest -q',
      fence,
      'And the tests:',
      `${fence}py`,
      'def test_x(): pass',
    ].join('\n');
    const blocks = extractCodeBlocks(text);
    expect(blocks.map((b) => [b.index, b.lang, b.closed, b.precedingLine])).toEqual([
      [0, 'python', true, 'First the implementation, **`lru_cache.py`**:'],
      [1, 'bash', true, 'Some prose that mentions ``` inline is not a fence.'],
      [2, 'py', false, 'And the tests:'],
    ]);
    expect(blocks[2]!.code).toBe('def test_x(): pass');
  });

  it('does not carry a hint line across a block', () => {
    const blocks = extractCodeBlocks(`# app.py hint\n${fence}\na\n${fence}\n${fence}\nb\n${fence}`);
    expect(blocks.map((b) => b.precedingLine)).toEqual(['# app.py hint', null]);
  });
});
