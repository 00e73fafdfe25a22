/**
 * Made-up run outcomes for the synthetic history: what a run at each level records (evidence,
 * protocol errors, fixability), worded like the real runs in fixtures/reports and the taxonomy.
 */
import type { Evidence, Fixability, Level, ProtocolError, RunStatus, TestResults } from '../../core/run.ts';

export type OutcomeName = 'success' | 'tool_name' | 'param_name' | 'corruption' | 'timeout';

export interface Outcome {
  status: RunStatus;
  level: Level | null;
  evidence: Evidence[];
  protocolErrors: ProtocolError[];
  fixability: Fixability | null;
  tests: TestResults;
  error: { code: string; message: string } | null;
}

const referenceTotal: Record<string, number> = { 'lru-cache': 14, 'fastapi-smoke': 4 };
const modelTotal: Record<string, number> = { 'lru-cache': 5, 'fastapi-smoke': 2 };
const implementation: Record<string, string> = { 'lru-cache': 'lru_cache.py', 'fastapi-smoke': 'app.py' };

function tests(task: string, passedShare: number): TestResults {
  const ref = referenceTotal[task] ?? 6;
  const own = modelTotal[task] ?? 3;
  return {
    model: { passed: Math.round(own * passedShare), total: own },
    reference: { passed: Math.round(ref * passedShare), total: ref },
  };
}

function fixed(levelBefore: Level, method: 'repair' | 'rescue', task: string): Fixability {
  return {
    method,
    levelBefore,
    levelAfter: 6,
    testsAfter: tests(task, 1),
    summary: `level ${levelBefore} → 6 with ${method}`,
  };
}

const builders: Record<OutcomeName, (task: string, mode: 'raw' | 'agent') => Outcome> = {
  success: (task) => ({
    status: 'completed',
    level: 6,
    evidence: [
      {
        kind: 'tests_passed',
        quote: `${referenceTotal[task]} passed in 0.31s`,
        shows: 'the reference tests pass',
        source: 'pytest',
      },
    ],
    protocolErrors: [],
    fixability: null,
    tests: tests(task, 1),
    error: null,
  }),
  tool_name: (task) => ({
    status: 'completed',
    level: 3,
    evidence: [
      {
        kind: 'tool_call',
        quote: `{"name":"write_file","input":{"path":"${implementation[task]}","content":"class LRUCache:"}}`,
        shows: 'the model called write_file, a tool Claude Code does not have (its tool is Write)',
        source: 'exchange ex-0003',
      },
      {
        kind: 'cli_result',
        quote: 'Error: No such tool available: write_file',
        shows: 'Claude Code refused the call',
        source: 'claude stream',
      },
    ],
    protocolErrors: [
      {
        kind: 'tool_name_mismatch',
        call: { name: 'write_file', input: { path: implementation[task] } },
        repairedBy: null,
      },
    ],
    fixability: fixed(3, 'rescue', task),
    tests: tests(task, 0),
    error: null,
  }),
  param_name: (task) => ({
    status: 'completed',
    level: 4,
    evidence: [
      {
        kind: 'tool_call',
        quote: `{"name":"Write","input":{"path":"${implementation[task]}","content":"..."}}`,
        shows: 'Write was called with "path" where Claude Code expects "file_path"',
        source: 'exchange ex-0004',
      },
    ],
    protocolErrors: [
      { kind: 'param_name_mismatch', call: { name: 'Write', input: { path: implementation[task] } }, repairedBy: null },
    ],
    fixability: fixed(4, 'rescue', task),
    tests: tests(task, 0),
    error: null,
  }),
  corruption: (task) => ({
    status: 'completed',
    level: 5,
    evidence: [
      {
        kind: 'pytest_failure',
        quote: "AttributeError: 'LRUCache' object has no attribute '_lcok'",
        shows: 'a misspelt attribute breaks reference tests',
        source: 'pytest',
      },
    ],
    protocolErrors: [],
    fixability: fixed(5, 'repair', task),
    tests: tests(task, 0.5),
    error: null,
  }),
  timeout: (_task, mode) => ({
    status: 'timeout',
    level: null,
    evidence: [{ kind: 'timeout', quote: 'no answer within 600 s', shows: 'the run hit its time limit' }],
    protocolErrors: [],
    fixability: null,
    tests: { model: { passed: 0, total: 0 }, reference: { passed: 0, total: 0 } },
    error: {
      code: 'TIMEOUT',
      message: `The ${mode} run did not finish within 600 s; raise --timeout or use a faster model.`,
    },
  }),
};

/** What a run with this outcome records. */
export function outcome(name: OutcomeName, task: string, mode: 'raw' | 'agent'): Outcome {
  return builders[name](task, mode);
}
