import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TestResults } from '../core/run.ts';
import { labelForLevel } from '../core/run.ts';
import type { RawEvidence } from './classify-raw.ts';
import { classifyRaw } from './classify-raw.ts';

// Real pytest transcripts, recorded by grading the solutions under fixtures/grading/solutions/.
const transcript = (name: string) =>
  readFileSync(new URL(`../../fixtures/grading/pytest/${name}`, import.meta.url), 'utf8');
const fence = '```';
const implementation = { path: 'lru_cache.py', role: 'implementation' as const };
const tests = { path: 'test_lru_cache.py', role: 'test' as const };
const clean = { typos: [], leakedTokens: [], truncated: false };
const allPass: TestResults = { model: { passed: 5, total: 5 }, reference: { passed: 14, total: 14 } };
const none: TestResults = { model: { passed: 0, total: 0 }, reference: { passed: 0, total: 14 } };
const codeAnswer = `Here is the cache.\n${fence}python\nclass LRUCache: ...\n${fence}\n${fence}python\ndef test_a(): ...\n${fence}\n`;

function evidence(overrides: Partial<RawEvidence>): RawEvidence {
  return {
    answerText: codeAnswer,
    thinkingText: '',
    stopReason: 'end_turn',
    files: [implementation, tests],
    tests: allPass,
    corruption: clean,
    modelPytestOutput: transcript('lru-correct-model.txt'),
    referencePytestOutput: transcript('lru-correct-reference.txt'),
    ...overrides,
  };
}

describe('classifyRaw', () => {
  it.each([
    {
      name: 'an empty answer whose tokens all went to thinking',
      input: evidence({
        answerText: '',
        thinkingText: 'Okay, the user wants an LRU cache. Let me think about OrderedDict...',
        stopReason: 'max_tokens',
        files: [],
        tests: none,
      }),
      level: 1,
      kind: 'thinking_only',
      kinds: ['empty_answer', 'thinking_only', 'truncation'],
      quotes: ['', 'Okay, the user wants an LRU cache. Let me think about OrderedDict...', 'stop_reason: max_tokens'],
    },
    {
      name: 'an empty answer without thinking',
      input: evidence({ answerText: '  \n', files: [], tests: none }),
      level: 1,
      kind: 'empty_reply',
      kinds: ['empty_answer'],
      quotes: [''],
    },
    {
      name: 'a prose-only answer',
      input: evidence({
        answerText: 'I cannot write files, but an LRU cache keeps the most recently used entries.',
        files: [],
        tests: none,
      }),
      level: 1,
      kind: 'prose_only',
      kinds: ['prose_only'],
      quotes: ['I cannot write files, but an LRU cache keeps the most recently used entries.'],
    },
    {
      name: 'off-task code with no implementation block',
      input: evidence({
        answerText: `Memory configured.\n${fence}json\n{"memory": "user"}\n${fence}\n`,
        files: [],
        tests: none,
      }),
      level: 1,
      kinds: ['no_implementation'],
      quotes: [`${fence}json {"memory": "user"} ${fence}`],
      kind: 'no_implementation',
    },
    {
      name: 'tests without an implementation',
      input: evidence({ files: [tests], tests: none }),
      level: 1,
      kinds: ['no_implementation'],
      quotes: [`${fence}python class LRUCache: ... ${fence}`],
      kind: 'no_implementation',
    },
    {
      name: 'clean code whose model and reference tests all pass',
      input: evidence({}),
      level: 6,
      kind: 'success',
      kinds: ['tests', 'pytest_output', 'pytest_output'],
      quotes: ['model tests 5/5, reference tests 14/14', '5 passed in 0.03s', '14 passed in 0.32s'],
    },
    {
      name: 'a stuttered class name that breaks one model test',
      input: evidence({
        tests: { model: { passed: 4, total: 5 }, reference: { passed: 14, total: 14 } },
        corruption: {
          ...clean,
          typos: [
            {
              found: 'LRUCCache',
              expected: 'LRUCache',
              file: 'test_lru_cache.py',
              line: 16,
              text: 'cache = LRUCCache(2)',
            },
          ],
        },
        modelPytestOutput: transcript('lru-typo-model.txt'),
      }),
      level: 5,
      kind: 'identifier_typo',
      kinds: ['identifier_typo', 'tests', 'pytest_output'],
      quotes: [
        'cache = LRUCCache(2)',
        'model tests 4/5, reference tests 14/14',
        "FAILED test_lru_cache.py::test_missing_key_returns_none - NameError: name 'LRUCCache' is not defined",
      ],
    },
    {
      name: 'leaked template tokens even though every test passes',
      input: evidence({
        answerText: `${codeAnswer}All done!<end_of_turn>`,
        corruption: { ...clean, leakedTokens: ['<end_of_turn>'] },
      }),
      level: 5,
      kind: 'leaked_tokens',
      kinds: ['leaked_tokens', 'tests'],
      quotes: ['All done!<end_of_turn>', 'model tests 5/5, reference tests 14/14'],
    },
    {
      // F24 (/work/shared/real-world-failures.md): LM Studio left Qwen3.5's reasoning in the content.
      name: 'reasoning tags left in the answer text even though every test passes',
      input: evidence({
        reasoningMarkup: ['<think>Step-by-step reasoning about current weather...</think>'],
      }),
      level: 5,
      kind: 'reasoning_in_text',
      kinds: ['reasoning_in_text', 'tests'],
      quotes: [
        '<think>Step-by-step reasoning about current weather...</think>',
        'model tests 5/5, reference tests 14/14',
      ],
    },
    {
      name: 'an answer cut off at the token limit',
      input: evidence({
        answerText: `${fence}python\nclass LRUCache:\n    def get(self, key`,
        stopReason: 'max_tokens',
        corruption: { ...clean, truncated: true },
      }),
      level: 5,
      kind: 'truncated_output',
      kinds: ['truncation', 'tests'],
      quotes: ['class LRUCache: def get(self, key', 'model tests 5/5, reference tests 14/14'],
    },
    {
      name: 'code without its own tests that fails a reference test',
      input: evidence({
        files: [implementation],
        tests: { model: { passed: 0, total: 0 }, reference: { passed: 13, total: 14 } },
        modelPytestOutput: transcript('lru-no-lock-model.txt'),
        referencePytestOutput: transcript('lru-no-lock-reference.txt'),
      }),
      level: 5,
      kind: 'tests_fail',
      kinds: ['missing_files', 'tests', 'pytest_output'],
      quotes: [
        'model tests 0/0',
        'model tests 0/0, reference tests 13/14',
        'FAILED _reference_tests/test_reference_lru_cache.py::test_uses_threading_lock - AssertionError: the module never refers to threading.Lock',
      ],
    },
  ])('labels $name as level $level ($kind)', ({ input, level, kind, kinds, quotes }) => {
    const result = classifyRaw(input);
    expect(result.level).toBe(level);
    expect(result.kind).toBe(kind);
    expect(result.deciding.map((e) => e.kind)).toEqual(kinds);
    expect(result.deciding.map((e) => e.quote)).toEqual(quotes);
  });

  it.each([
    [1, 'task_comprehension', evidence({ answerText: '', files: [], tests: none })],
    [
      5,
      'output_corruption',
      evidence({ tests: { model: { passed: 4, total: 5 }, reference: { passed: 14, total: 14 } } }),
    ],
    [6, 'success', evidence({})],
  ])('gives level %i the label %s', (level, label, input) => {
    const result = classifyRaw(input);
    expect(result.level).toBe(level);
    expect(labelForLevel[result.level]).toBe(label);
  });

  it('keeps every quote at 200 characters or fewer', () => {
    const long = 'x'.repeat(1000);
    const results = [
      classifyRaw(evidence({ answerText: '', thinkingText: long, files: [], tests: none })),
      classifyRaw(evidence({ answerText: long, files: [], tests: none })),
      classifyRaw(
        evidence({
          corruption: {
            typos: [{ found: 'LRUCCache', expected: 'LRUCache', file: 'f.py', line: 1, text: long }],
            leakedTokens: ['<unused1>'],
            truncated: true,
          },
          answerText: `${long}<unused1>${long}`,
        }),
      ),
    ];
    for (const r of results) for (const e of r.deciding) expect(e.quote.length).toBeLessThanOrEqual(200);
  });

  it.each([
    [
      'Hmm, let me reason about eviction first.',
      'the answer text was empty: all output went to thinking (stop_reason max_tokens)',
    ],
    ['', 'the answer text was empty (stop_reason max_tokens)'],
  ])('says in the first evidence whether thinking took the output (thinking %j)', (thinkingText, shows) => {
    const result = classifyRaw(
      evidence({ answerText: '', thinkingText, stopReason: 'max_tokens', files: [], tests: none }),
    );
    expect(result.deciding[0]?.shows).toBe(shows);
  });

  it('names where each typo is and what it should have been', () => {
    const result = classifyRaw(
      evidence({
        corruption: {
          ...clean,
          typos: [
            { found: 'LRLRCache', expected: 'LRUCache', file: 'test_lru_cache.py', line: 17, text: 'c = LRLRCache(1)' },
          ],
        },
      }),
    );
    expect(result.deciding[0]).toEqual({
      kind: 'identifier_typo',
      quote: 'c = LRLRCache(1)',
      shows: 'LRLRCache instead of LRUCache: a stuttered class name',
      source: 'test_lru_cache.py:17',
    });
  });
});
