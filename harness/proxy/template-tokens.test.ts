import { describe, expect, it } from 'vitest';
import { createTemplateTokenStripper, findTemplateTokens, stripTemplateTokens } from './template-tokens.ts';

describe('findTemplateTokens', () => {
  it.each([
    ['def f():<unused24> pass', ['<unused24>']],
    ['done<|im_end|>', ['<|im_end|>']],
    ['<start_of_turn>model\nhi<end_of_turn>', ['<start_of_turn>', '<end_of_turn>']],
    ['bye</s>', ['</s>']],
    ['x<｜end▁of▁sentence｜>', ['<｜end▁of▁sentence｜>']],
    ['<|eot_id|><|start_header_id|>', ['<|eot_id|>', '<|start_header_id|>']],
    ['if a < b and c > d: pass', []],
    ['<div>html</div> and List<String>', []],
  ])('finds the template tokens in %j', (text, expected) => {
    expect(findTemplateTokens(text)).toEqual(expected);
  });
});

describe('stripTemplateTokens', () => {
  it('removes every token and keeps ordinary angle brackets', () => {
    expect(stripTemplateTokens('a<unused1> < b<|im_end|>')).toBe('a < b');
  });
});

describe('createTemplateTokenStripper', () => {
  it.each([
    [['hello <unu', 'sed24> world'], 'hello  world'],
    [['done<', '|im_', 'end|>'], 'done'],
    [['if a <', ' b: pass'], 'if a < b: pass'],
    [['x <', 'y'], 'x <y'],
    [['plain text', ' only'], 'plain text only'],
    [['ends with <'], 'ends with <'],
  ])('strips tokens split across deltas %j', (deltas, expected) => {
    const stripper = createTemplateTokenStripper();
    const out = deltas.map((d) => stripper.push(d)).join('') + stripper.flush();
    expect(out).toBe(expected);
  });

  it('sends text without a "<" at once', () => {
    const stripper = createTemplateTokenStripper();
    expect(stripper.push('abc')).toBe('abc');
  });

  it('holds back only the possible token start', () => {
    const stripper = createTemplateTokenStripper();
    expect(stripper.push('text <unus')).toBe('text ');
    expect(stripper.push('ual')).toBe('');
    expect(stripper.push(' thing')).toBe('<unusual thing');
  });
});
