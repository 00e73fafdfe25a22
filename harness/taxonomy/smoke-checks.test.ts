import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AgentEvidence } from './agent-evidence.ts';
import { isRealPytestOutput, smokeChecks } from './smoke-checks.ts';

function fixture(name: string): AgentEvidence {
  return JSON.parse(
    readFileSync(new URL(`../../fixtures/agent/${name}.json`, import.meta.url), 'utf8'),
  ) as AgentEvidence;
}

const allPass = {
  filesInWorkspace: true,
  pytestRan: true,
  failurePatched: true,
  noTemplateTokens: true,
  noTruncation: true,
};

describe('smokeChecks on recorded runs', () => {
  it.each([
    ['sim-correct-fastapi', allPass],
    ['sim-patch-fastapi', allPass],
    ['sim-typo-fastapi', { ...allPass, failurePatched: false }],
    ['sim-leak-lru', { ...allPass, noTemplateTokens: false }],
    ['sim-escape-lru', { ...allPass, filesInWorkspace: false }],
    ['sim-prose-lru', { ...allPass, filesInWorkspace: false, pytestRan: false }],
  ])('%s → %j', (name, expected) => {
    expect(smokeChecks(fixture(name))).toEqual(expected);
  });
});

describe('smokeChecks on edited recordings', () => {
  it('fails truncation only when a max_tokens stop comes at or after the first write', () => {
    const recorded = fixture('sim-correct-fastapi');
    // Make the test file (turn 1) the first write: turn 0 then comes before it.
    const evidence = { ...recorded, toolCalls: recorded.toolCalls.filter((c) => c.turn !== 0) };
    const cutAt = (turn: number) => ({
      ...evidence,
      turns: evidence.turns.map((t) => (t.turn === turn ? { ...t, stopReason: 'max_tokens' as const } : t)),
    });
    expect(smokeChecks(cutAt(0)).noTruncation).toBe(true);
    expect(smokeChecks(cutAt(1)).noTruncation).toBe(false);
    expect(smokeChecks(cutAt(2)).noTruncation).toBe(false);
  });

  it('does not count a failed pytest as patched when no passing run follows the edit', () => {
    const evidence = fixture('sim-patch-fastapi');
    const withoutRerun = { ...evidence, pytestRuns: evidence.pytestRuns.slice(0, 1) };
    expect(smokeChecks(withoutRerun).failurePatched).toBe(false);
  });

  it('does not take a shell error for a pytest run', () => {
    const evidence = fixture('sim-correct-fastapi');
    const fake = {
      ...evidence,
      pytestRuns: evidence.pytestRuns.map((r) => ({
        ...r,
        output: 'Exit code 127\n/bin/sh: pytest: command not found',
        isError: true,
      })),
    };
    expect(smokeChecks(fake).pytestRan).toBe(false);
  });

  it('flags a read of a path that does not exist as a hallucinated path', () => {
    const evidence = fixture('sim-correct-fastapi');
    const [first] = evidence.toolCalls;
    const read = {
      ...first!,
      id: 'toolu_read',
      name: 'Read',
      writeTarget: null,
      result: { isError: true, text: '<tool_use_error>File does not exist.</tool_use_error>' },
    };
    expect(smokeChecks({ ...evidence, toolCalls: [...evidence.toolCalls, read] }).filesInWorkspace).toBe(false);
  });
});

describe('isRealPytestOutput', () => {
  it.each([
    ['..                                  [100%]\n2 passed in 0.69s', true],
    ['Exit code 1\nF.\n=== FAILURES ===\n1 failed, 1 passed in 0.72s', true],
    ['============================= test session starts ==============================', true],
    ['\nno tests ran in 0.01s', true],
    ['All 5 tests pass.', false],
    ['/bin/sh: 1: pytest: not found', false],
  ])('%j → %s', (output, expected) => {
    expect(isRealPytestOutput(output)).toBe(expected);
  });
});
