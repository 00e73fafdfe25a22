import { describe, expect, it } from 'vitest';
import { plannedText, planReply } from './plan.ts';
import { conversation } from './test-kit/conversations.ts';
import { estimateInputTokens, tokenize } from './tokens.ts';
import type { ReplyBlock } from './types.ts';

let ids = 0;
const makeToolId = (): string => {
  ids += 1;
  return `id${ids}`;
};

describe('tokenize', () => {
  it.each(['', 'a', 'abcd', 'abcde', 'def test_x():\n    pass\n', 'naïve — “quotes” 😀 emoji'])(
    'cuts %j into pieces of at most 4 characters that join back',
    (text) => {
      const pieces = tokenize(text);
      expect(pieces.join('')).toBe(text);
      for (const piece of pieces) expect(Array.from(piece).length).toBeLessThanOrEqual(4);
      expect(pieces.length).toBe(Math.ceil(Array.from(text).length / 4));
    },
  );
});

describe('planReply', () => {
  const text: ReplyBlock = { type: 'text', text: 'abcdefghij' }; // 3 tokens
  const call: ReplyBlock = { type: 'tool_call', name: 'Write', input: { file_path: '/w/a.py', content: 'x' } };
  const callTokens = tokenize(JSON.stringify({ file_path: '/w/a.py', content: 'x' })).length;

  it.each([
    { name: 'text within budget ends the turn', blocks: [text], budget: null, stop: 'end', tokens: 3 },
    { name: 'text over budget stops at max_tokens', blocks: [text], budget: 2, stop: 'max_tokens', tokens: 2 },
    { name: 'an exact budget is not a truncation', blocks: [text], budget: 3, stop: 'end', tokens: 3 },
    {
      name: 'a complete tool call stops for tool use',
      blocks: [text, call],
      budget: null,
      stop: 'tool_use',
      tokens: 3 + callTokens,
    },
    {
      name: 'a budget that ends before the tool call is a truncation',
      blocks: [text, call],
      budget: 3,
      stop: 'max_tokens',
      tokens: 3,
    },
    { name: 'a tool call cut short is a truncation', blocks: [text, call], budget: 5, stop: 'max_tokens', tokens: 5 },
    { name: 'a zero budget sends nothing', blocks: [text], budget: 0, stop: 'max_tokens', tokens: 0 },
  ] as const)('$name', ({ blocks, budget, stop, tokens }) => {
    const plan = planReply(blocks, { budget, makeToolId });
    expect(plan.stop).toBe(stop);
    expect(plan.tokens).toHaveLength(tokens);
  });

  it('keeps the block order, marks block ends and gives each tool call an id', () => {
    const plan = planReply([{ type: 'thinking', text: 'hmm' }, text, call], { budget: null, makeToolId });
    expect(plan.blocks.map((b) => b.type)).toEqual(['thinking', 'text', 'tool_call']);
    expect(plan.tokens.filter((t) => t.lastOfBlock).map((t) => t.block)).toEqual([0, 1, 2]);
    expect(plan.blocks[2]?.id).toMatch(/^id\d+$/);
    expect(JSON.parse(plan.blocks[2]?.pieces.join('') ?? '')).toEqual({ file_path: '/w/a.py', content: 'x' });
    expect(plannedText(plan, 'text')).toBe('abcdefghij');
  });

  it('stops at max_tokens when the persona forces it, even within budget', () => {
    expect(planReply([text], { budget: null, forceMaxTokens: true, makeToolId }).stop).toBe('max_tokens');
  });

  it('marks the block the budget cut as incomplete', () => {
    const plan = planReply([call], { budget: 2, makeToolId });
    expect(plan.blocks[0]?.complete).toBe(false);
    expect(plan.blocks[0]?.pieces).toHaveLength(2);
  });
});

describe('estimateInputTokens', () => {
  it('counts a quarter token per character of everything the model reads', () => {
    const small = conversation('hi', { cwd: null, tools: [] });
    expect(estimateInputTokens(small)).toBe(1);
    const bigger = conversation('x'.repeat(400), { cwd: null, tools: [] });
    expect(estimateInputTokens(bigger)).toBe(100);
    expect(estimateInputTokens(conversation('x'.repeat(400), { cwd: null }))).toBeGreaterThan(100);
  });
});
