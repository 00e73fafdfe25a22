import { describe, expect, it } from 'vitest';
import { detectCorruption } from './corruption.ts';
import { extractCodeBlocks } from './extract-code.ts';
import type { ExtractedFile } from './types.ts';

const fence = '```';
const files: ExtractedFile[] = [
  { path: 'lru_cache.py', role: 'implementation', content: 'class LRUCache:\n    pass\n', fromBlock: 0 },
  { path: 'test_lru_cache.py', role: 'test', content: 'def test_a():\n    LRUCCache(1)\n', fromBlock: 1 },
];

describe('detectCorruption', () => {
  it.each([
    {
      name: 'a clean closed answer',
      answer: `${fence}python\nx\n${fence}`,
      stop: 'end_turn' as const,
      files: [files[0]!],
      expected: { typos: 0, leakedTokens: [], truncated: false },
    },
    {
      name: 'an unclosed final block',
      answer: `${fence}python\nx`,
      stop: 'end_turn' as const,
      files: [files[0]!],
      expected: { typos: 0, leakedTokens: [], truncated: true },
    },
    {
      name: 'a max_tokens stop',
      answer: `${fence}python\nx\n${fence}`,
      stop: 'max_tokens' as const,
      files: [files[0]!],
      expected: { typos: 0, leakedTokens: [], truncated: true },
    },
    {
      name: 'tokens leaked in the prose',
      answer: `Done<end_of_turn>\n${fence}python\nx\n${fence}<unused24>`,
      stop: 'end_turn' as const,
      files: [files[0]!],
      expected: { typos: 0, leakedTokens: ['<end_of_turn>', '<unused24>'], truncated: false },
    },
    {
      name: 'a stuttered class name in the tests',
      answer: `${fence}python\nx\n${fence}`,
      stop: null,
      files,
      expected: { typos: 1, leakedTokens: [], truncated: false },
    },
  ])('reports $name', ({ answer, stop, files: given, expected }) => {
    const report = detectCorruption({
      answerText: answer,
      files: given,
      stopReason: stop,
      blocks: extractCodeBlocks(answer),
    });
    expect({ typos: report.typos.length, leakedTokens: report.leakedTokens, truncated: report.truncated }).toEqual(
      expected,
    );
  });

  it('finds tokens in files even when there is no answer text (agent mode)', () => {
    const withToken: ExtractedFile = { ...files[0]!, content: 'class LRUCache:\n    pass<|im_end|>\n' };
    const report = detectCorruption({ answerText: '', files: [withToken], stopReason: null, blocks: [] });
    expect(report.leakedTokens).toEqual(['<|im_end|>']);
  });
});
