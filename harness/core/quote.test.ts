import { describe, expect, it } from 'vitest';
import { quote } from './quote.ts';

describe('quote', () => {
  it.each([
    ['short', 200, 'short'],
    ['  a\n\n b\tc  ', 200, 'a b c'],
    ['abcdefghij', 5, 'abcd…'],
    ['abcde', 5, 'abcde'],
    ['', 5, ''],
  ])('%j at %i → %j', (text, max, expected) => {
    expect(quote(text, max)).toBe(expected);
  });
});
