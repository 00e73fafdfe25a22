import { describe, expect, it } from 'vitest';
import type { Level, RunRecord, RunStatus } from '../core/run.ts';
import { summarise } from './summarise.ts';
import type { SampleRunOverrides } from './test-kit/sample-runs.ts';
import { sampleRun } from './test-kit/sample-runs.ts';

function attempt(
  n: number,
  status: RunStatus,
  level: Level | null,
  ttftMs: number | null,
  overrides: SampleRunOverrides = {},
): RunRecord {
  return sampleRun({
    id: `r${n}`,
    attempt: n,
    status,
    ...(level === null ? {} : { level }),
    metrics: { ttftMs: ttftMs ?? { unavailable: 'no_tokens' } },
    ...overrides,
  });
}

describe('summarise', () => {
  it.each([
    {
      name: 'three successes',
      runs: [attempt(1, 'completed', 6, 100), attempt(2, 'completed', 6, 200), attempt(3, 'completed', 6, 300)],
      expected: { attempts: 3, completed: 3, successes: 3, passAt1: 1, passAtK: 1, modalLevel: 6 },
    },
    {
      name: 'one success in three',
      runs: [attempt(1, 'completed', 3, 100), attempt(2, 'completed', 6, 200), attempt(3, 'completed', 3, 300)],
      expected: { attempts: 3, completed: 3, successes: 1, passAt1: 1 / 3, passAtK: 1, modalLevel: 3 },
    },
    {
      name: 'an infra error is not a graded attempt; a timeout is a failed one',
      runs: [attempt(1, 'completed', 6, 100), attempt(2, 'infra_error', null, null), attempt(3, 'timeout', null, null)],
      expected: { attempts: 3, completed: 1, successes: 1, passAt1: 1 / 2, passAtK: 1, modalLevel: 6 },
    },
    {
      name: 'no success',
      runs: [attempt(1, 'completed', 2, 100), attempt(2, 'completed', 4, 200)],
      // a 1–1 tie between levels 2 and 4 goes to the worse level
      expected: { attempts: 2, completed: 2, successes: 0, passAt1: 0, passAtK: 0, modalLevel: 2 },
    },
    {
      name: 'only infra errors',
      runs: [attempt(1, 'infra_error', null, null)],
      expected: { attempts: 1, completed: 0, successes: 0, passAt1: null, passAtK: null, modalLevel: null },
    },
  ])('counts pass@1, pass@k and the modal level: $name', ({ runs, expected }) => {
    const [summary] = summarise(runs);
    expect(summary).toMatchObject(expected);
  });

  it('computes the level distribution over completed runs', () => {
    const runs = [
      attempt(1, 'completed', 3, 1),
      attempt(2, 'completed', 3, 1),
      attempt(3, 'completed', 5, 1),
      attempt(4, 'timeout', null, 1),
    ];
    expect(summarise(runs)[0]?.levels).toEqual({ 1: 0, 2: 0, 3: 2, 4: 0, 5: 1, 6: 0 });
    expect(summarise(runs)[0]?.timeouts).toBe(1);
  });

  it('gives timing statistics over completed runs, ignoring nulls', () => {
    // completed TTFTs 100, 200, 400 and a null; the timeout's 9000 is left out
    const runs = [
      attempt(1, 'completed', 6, 100),
      attempt(2, 'completed', 6, 400),
      attempt(3, 'completed', 6, 200),
      attempt(4, 'completed', 6, null),
      attempt(5, 'timeout', null, 9000),
    ];
    const ttft = summarise(runs)[0]?.metrics.ttftMs;
    // mean 700/3; squared deviations 17777.8 + 27777.8 + 1111.1 = 46666.7; / 2 = 23333.3 → stddev 152.75
    expect(ttft).toEqual({
      n: 3,
      median: 200,
      p95: 380,
      stddev: expect.closeTo(152.753, 3),
      min: 100,
      max: 400,
    });
  });

  it('takes the median test counts of completed runs', () => {
    const tests = (passed: number) => ({ model: { passed, total: 5 }, reference: { passed: passed + 1, total: 6 } });
    const runs = [
      attempt(1, 'completed', 6, 1, { tests: tests(5) }),
      attempt(2, 'completed', 5, 1, { tests: tests(2) }),
      attempt(3, 'completed', 5, 1, { tests: tests(3) }),
    ];
    expect(summarise(runs)[0]?.tests).toEqual({ model: { passed: 3, total: 5 }, reference: { passed: 4, total: 6 } });
  });

  it('groups by model, task, mode and rescue, in that order', () => {
    const runs = [
      sampleRun({ id: 'a', model: 'b-model', mode: 'agent' }),
      sampleRun({ id: 'b', model: 'a-model', mode: 'agent', rescue: true }),
      sampleRun({ id: 'c', model: 'a-model', mode: 'agent' }),
      sampleRun({ id: 'd', model: 'a-model', mode: 'raw' }),
      sampleRun({ id: 'e', model: 'a-model', mode: 'raw', attempt: 2 }),
    ];
    const keys = summarise(runs).map((s) => `${s.model}/${s.mode}/${s.rescue}/${s.attempts}`);
    expect(keys).toEqual([
      'a-model/raw/false/2',
      'a-model/agent/false/1',
      'a-model/agent/true/1',
      'b-model/agent/false/1',
    ]);
  });

  it('reports the worse status as modal on a tie', () => {
    const runs = [attempt(1, 'completed', 6, 1), attempt(2, 'timeout', null, null)];
    expect(summarise(runs)[0]?.modalStatus).toBe('timeout');
  });
});
