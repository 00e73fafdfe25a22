import { describe, expect, it } from 'vitest';
import {
  createTemplateTokenStripper,
  findTemplateTokens,
  stripTemplateTokens,
  templateTokenKind,
  templateTokenRows,
} from './template-tokens.ts';

const rowExamples = templateTokenRows.flatMap((row) =>
  row.examples.map((token) => [token, row.kind, row.family] as const),
);

describe('the template-token table', () => {
  it.each(rowExamples)('finds, strips and classifies %s as %s (%s)', (token, kind) => {
    const text = `before${token}after`;
    expect(findTemplateTokens(text)).toEqual([token]);
    expect(stripTemplateTokens(text)).toBe('beforeafter');
    expect(templateTokenKind(token)).toBe(kind);
  });

  it.each([
    // The proxy's copy found these …
    ['bye</s>', ['</s>']],
    ['pad<pad>', ['<pad>']],
    // … the grading copy these.
    ['<start_of_image>x<end_of_image>', ['<start_of_image>', '<end_of_image>']],
    ['<|tool:begin|>', ['<|tool:begin|>']],
    // Neither found these (F32's Gemma spam, DSML, Mistral, Gemma 4).
    [
      '<unused23><unused22><mask><unused11><bos><unk>',
      ['<unused23>', '<unused22>', '<mask>', '<unused11>', '<bos>', '<unk>'],
    ],
    ['nope</｜DSML｜parameter>\n</｜DSML｜invoke>', ['</｜DSML｜parameter>', '</｜DSML｜invoke>']],
    ['[TOOL_CALLS]get_weather[ARGS]{}', ['[TOOL_CALLS]', '[ARGS]']],
    ['<|channel>thought\nhmm<channel|>ok<turn|>', ['<|channel>', '<channel|>', '<turn|>']],
  ])('finds the tokens each earlier copy missed in %j', (text, expected) => {
    expect(findTemplateTokens(text)).toEqual(expected);
  });

  it.each([
    ['def f():<unused24> pass', ['<unused24>']],
    ['done<|im_end|>', ['<|im_end|>']],
    ['<start_of_turn>model\nhi<end_of_turn>', ['<start_of_turn>', '<end_of_turn>']],
    ['x<｜end▁of▁sentence｜>', ['<｜end▁of▁sentence｜>']],
    ['<|eot_id|><|start_header_id|>', ['<|eot_id|>', '<|start_header_id|>']],
    ['done<|im_end|> again<|im_end|>', ['<|im_end|>', '<|im_end|>']],
  ])('finds every token in %j, repeats included', (text, expected) => {
    expect(findTemplateTokens(text)).toEqual(expected);
  });

  it.each([
    'if a < b and c > d: pass',
    '<div>html</div> and List<String>',
    'if a <b and c> d: pass\nhtml = "<div>|</div>"\n',
    'type T = Array<A|B>; const f = (x: Map<K, V>) => x;',
    'let add = |a, b| a + b; let v: Vec<u8> = vec![1, 2];',
    'items = [1, 2, 3]\nfirst = items[0]\nconfig["ARGS"] = [ARGS_DEFAULT]\n',
    'See [the docs](https://example.com) and [Tool call] notes.',
  ])('leaves ordinary brackets alone in %j', (text) => {
    expect(findTemplateTokens(text)).toEqual([]);
    expect(stripTemplateTokens(text)).toBe(text);
  });

  it('removes every token and keeps ordinary angle brackets', () => {
    expect(stripTemplateTokens('a<unused1> < b<|im_end|>')).toBe('a < b');
  });

  it.each([
    ['<|python_tag|>', 'tool_call'],
    ['<｜tool▁calls▁begin｜>', 'tool_call'],
    ['<|channel|>', 'reasoning'],
    ['<|im_end|>', 'end_of_turn'],
    ['<|fim_prefix|>', 'other'],
  ] as const)('tells what %s is: %s', (token, kind) => {
    expect(templateTokenKind(token)).toBe(kind);
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
    [['call [TOOL_', 'CALLS]done'], 'call done'],
    [['list = [', '1, 2]'], 'list = [1, 2]'],
    [['x</｜DSML｜invoke', '> y'], 'x y'],
  ])('strips tokens split across deltas %j', (deltas, expected) => {
    const stripper = createTemplateTokenStripper();
    const out = deltas.map((d) => stripper.push(d)).join('') + stripper.flush();
    expect(out).toBe(expected);
  });

  it('sends text without a "<" or "[" at once', () => {
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
