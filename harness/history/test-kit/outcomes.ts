/**
 * Made-up run outcomes for the synthetic history: what a run at each level records (evidence,
 * protocol errors, fixability), worded like the real runs in fixtures/reports and the taxonomy.
 */
import type {
  Evidence,
  FailureKind,
  Fixability,
  InfraCause,
  Level,
  ProtocolError,
  TestResults,
} from '../../core/run.ts';

export type OutcomeName = 'success' | 'tool_name' | 'param_name' | 'corruption' | 'timeout';

/** What a run with an outcome records: a verdict (level and kind) or the cause of a run without one. */
export type Outcome = {
  evidence: Evidence[];
  protocolErrors: ProtocolError[];
} & (
  | { status: 'completed'; level: Level; kind: FailureKind; fixability: Fixability; tests: TestResults }
  | { status: 'timeout'; cause: InfraCause; message: string }
);

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

function fixed(method: 'repair' | 'rescue', task: string, change: string): Fixability {
  return {
    state: 'measured',
    method,
    changes: [change],
    after: { status: 'completed', level: 6, tests: tests(task, 1) },
  };
}

const builders: Record<OutcomeName, (task: string, mode: 'raw' | 'agent') => Outcome> = {
  success: (task) => ({
    status: 'completed',
    level: 6,
    kind: 'success',
    evidence: [
      {
        kind: 'tests',
        quote: `model tests ${modelTotal[task]}/${modelTotal[task]}, reference tests ${referenceTotal[task]}/${referenceTotal[task]}`,
        shows: 'every test passes',
        source: 'pytest',
      },
    ],
    protocolErrors: [],
    fixability: { state: 'not_needed' },
    tests: tests(task, 1),
  }),
  tool_name: (task) => ({
    status: 'completed',
    level: 3,
    kind: 'tool_name',
    evidence: [
      {
        kind: 'tool_name_mismatch',
        quote: `write_file {"path":"${implementation[task]}","content":"class LRUCache:"}`,
        shows: 'called write_file, not offered; it maps to Write',
        source: 'ex-0003',
      },
      {
        kind: 'tool_error',
        quote: '<tool_use_error>Error: No such tool available: write_file</tool_use_error>',
        shows: 'what Claude Code answered',
        source: 'ex-0004',
      },
    ],
    protocolErrors: [
      {
        kind: 'tool_name_mismatch',
        call: { name: 'write_file', input: { path: implementation[task] } },
        repairedBy: null,
      },
    ],
    fixability: fixed('rescue', task, 'write_file → Write'),
    tests: tests(task, 0),
  }),
  param_name: (task) => ({
    status: 'completed',
    level: 4,
    kind: 'param_name',
    evidence: [
      {
        kind: 'param_name_mismatch',
        quote: `Write {"path":"${implementation[task]}","content":"..."}`,
        shows: 'called Write with arguments that violate its schema (missing file_path; unexpected path)',
        source: 'ex-0004',
      },
    ],
    protocolErrors: [
      { kind: 'param_name_mismatch', call: { name: 'Write', input: { path: implementation[task] } }, repairedBy: null },
    ],
    fixability: fixed('rescue', task, 'path → file_path'),
    tests: tests(task, 0),
  }),
  corruption: (task) => ({
    status: 'completed',
    level: 5,
    kind: 'identifier_typo',
    evidence: [
      {
        kind: 'identifier_typo',
        quote: 'cache = LRUCCache(2)',
        shows: 'LRUCCache instead of LRUCache: a stuttered class name',
        source: `test_${implementation[task]}:16`,
      },
    ],
    protocolErrors: [],
    fixability: fixed('repair', task, `LRUCCache → LRUCache (test_${implementation[task]}:16)`),
    tests: tests(task, 0.5),
  }),
  timeout: (_task, mode) => ({
    status: 'timeout',
    cause: 'time_limit',
    message: `no result within 600 s (--timeout); the ${mode} run was stopped`,
    evidence: [{ kind: 'timeout', quote: 'no answer within 600 s', shows: 'the run hit its time limit' }],
    protocolErrors: [],
  }),
};

/** What a run with this outcome records. */
export function outcome(name: OutcomeName, task: string, mode: 'raw' | 'agent'): Outcome {
  return builders[name](task, mode);
}
