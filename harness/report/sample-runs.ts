/**
 * Builders of sample runs and reports for the report tests. Everything they build is marked as
 * coming from the scripted backend; none of it is a measurement.
 */
import type { RunRecord } from '../core/run.ts';
import { labelForLevel } from '../core/run.ts';
import { summarise } from './summarise.ts';
import type { BenchReport, Environment } from './types.ts';

type RunOverrides = Partial<Omit<RunRecord, 'metrics'>> & { metrics?: Partial<RunRecord['metrics']> };

/** A completed level-6 raw run of sim-correct on lru-cache, with `overrides` applied. */
export function sampleRun(overrides: RunOverrides = {}): RunRecord {
  const level = overrides.level === undefined ? 6 : overrides.level;
  const base: RunRecord = {
    id: 'sim-correct__lru-cache__raw__a1',
    model: 'sim-correct',
    task: 'lru-cache',
    mode: 'raw',
    attempt: 1,
    rescue: false,
    status: 'completed',
    level,
    label: level === null ? null : labelForLevel[level],
    fixable: null,
    fixability: null,
    evidence: [
      { kind: 'tests_passed', quote: '5 passed in 0.04s', shows: 'the reference tests pass', source: 'pytest' },
    ],
    metrics: {
      ttftMs: 270,
      decodeTokensPerSec: 96.9,
      serverDecodeTokensPerSec: 98.2,
      prefillTokensPerSec: 850,
      loadMs: null,
      totalMs: 14_000,
      queueMs: 0,
      inputTokens: 180,
      outputTokens: 1300,
      turns: 1,
    },
    tests: { model: { passed: 5, total: 5 }, reference: { passed: 6, total: 6 } },
    testsAfterRepair: null,
    protocolErrors: [],
    smokeChecks: null,
    securityEvents: [],
    artifacts: { implementation: 'runs/sim-correct__lru-cache__raw__a1/lru_cache.py' },
    exchangeIds: ['ex-1'],
    error: null,
    startedAt: '2026-04-07T10:00:00.000Z',
    finishedAt: '2026-04-07T10:00:14.000Z',
  };
  const { metrics, ...rest } = overrides;
  return { ...base, ...rest, level, metrics: { ...base.metrics, ...metrics } };
}

/** The environment of a scripted bench on a made-up host. */
export function sampleEnvironment(overrides: Partial<Environment> = {}): Environment {
  return {
    host: 'ci-runner-1',
    os: 'Linux 6.8.0 (linux)',
    arch: 'x64',
    cpu: 'Sample CPU @ 3.0GHz',
    cpuCores: 2,
    memoryGiB: 8,
    node: 'v20.20.2',
    harness: { version: '0.1.0', gitSha: 'abc123def456' },
    backend: { kind: 'sim', dialect: 'ollama', url: 'http://127.0.0.1:41000', version: null, scripted: true },
    models: { 'sim-correct': { quantisation: 'none', parameters: 'scripted' } },
    claudeCode: { version: '2.1.328', path: 'node_modules/.bin/claude' },
    ...overrides,
  };
}

/** A scripted report holding `runs`, its summary computed from them. */
export function sampleReport(runs: RunRecord[], overrides: Partial<BenchReport> = {}): BenchReport {
  const models = [...new Set(runs.map((r) => r.model))];
  const tasks = [...new Set(runs.map((r) => r.task))];
  return {
    schemaVersion: 1,
    generator: { name: 'local-llm-claude-code-bench', version: '0.1.0' },
    scripted: true,
    startedAt: '2026-04-07T10:00:00.000Z',
    finishedAt: '2026-04-07T11:00:00.000Z',
    environment: sampleEnvironment(),
    settings: {
      tasks,
      models,
      modes: ['raw', 'agent'],
      backend: 'sim',
      repeat: Math.max(1, ...runs.map((r) => r.attempt)),
      numCtx: 32768,
      maxTokens: 8192,
      temperature: 0,
      rescue: false,
      settingsHash: 'sample-hash',
    },
    runs,
    summary: summarise(runs),
    ...overrides,
  };
}
