/**
 * Builders of sample runs and reports for the report tests. Everything they build is marked as
 * coming from the scripted backend; none of it is a measurement.
 */
import type {
  CompletedRun,
  FailedRun,
  FailureKind,
  FailureKindOf,
  InfraCause,
  Level,
  RunMetrics,
  RunRecord,
} from '../../core/run.ts';
import { failureKinds, labelForLevel } from '../../core/run.ts';
import { summarise } from '../summarise.ts';
import type { BenchReport, Environment } from '../types.ts';

type Shared = Omit<FailedRun, 'status' | 'cause' | 'message' | 'metrics'>;

/** What a test may set; `status` other than completed makes an infra error or timeout. */
export type SampleRunOverrides = Partial<Shared> & {
  metrics?: Partial<RunMetrics>;
  status?: RunRecord['status'];
  level?: Level;
  kind?: FailureKind;
  cause?: InfraCause;
  message?: string;
} & Partial<Pick<CompletedRun, 'tests' | 'fixability' | 'smokeChecks'>>;

const sampleMetrics: RunMetrics = {
  ttftMs: 270,
  ttftTextMs: 270,
  ttftToolCallMs: { unavailable: 'no_tool_call' },
  decodeTokensPerSec: 96.9,
  serverDecodeTokensPerSec: 98.2,
  prefillTokensPerSec: 850,
  loadMs: { unavailable: 'not_reported' },
  loads: 0,
  queueMs: 0,
  inputTokens: 180,
  outputTokens: 1300,
  turns: 1,
  wallMs: 14_000,
  caveats: [],
};

/** A completed level-6 raw run of sim-correct on lru-cache, with `overrides` applied. */
export function sampleRun(overrides: SampleRunOverrides = {}): RunRecord {
  const {
    metrics,
    status = 'completed',
    level = 6,
    kind,
    cause,
    message,
    tests,
    fixability,
    smokeChecks,
    ...rest
  } = overrides;
  const shared: Shared & { metrics: RunMetrics } = {
    id: 'sim-correct__lru-cache__raw__a1',
    model: 'sim-correct',
    task: 'lru-cache',
    mode: 'raw',
    claudeCode: null,
    attempt: 1,
    rescue: false,
    thinking: { requested: false, turnsWithReasoning: 0 },
    evidence: [{ kind: 'tests', quote: '5 passed in 0.04s', shows: 'the reference tests pass', source: 'pytest' }],
    protocolErrors: [],
    securityEvents: [],
    artifacts: { implementation: 'runs/sim-correct__lru-cache__raw__a1/lru_cache.py' },
    exchangeIds: ['ex-1'],
    startedAt: '2026-04-07T10:00:00.000Z',
    finishedAt: '2026-04-07T10:00:14.000Z',
    ...rest,
    metrics: { ...sampleMetrics, ...metrics },
  };
  if (status !== 'completed') {
    return {
      ...shared,
      status,
      cause: cause ?? (status === 'timeout' ? 'time_limit' : 'backend_error'),
      message: message ?? 'sample failure',
    };
  }
  const defaultKind = Object.keys(failureKinds[level])[0] as FailureKind;
  return {
    ...shared,
    status,
    level,
    label: labelForLevel[level],
    kind: kind ?? defaultKind,
    tests: tests ?? { model: { passed: 5, total: 5 }, reference: { passed: 6, total: 6 } },
    fixability: fixability ?? (level === 6 ? { state: 'not_needed' } : { state: 'not_measured', reason: 'disabled' }),
    smokeChecks: smokeChecks ?? null,
  } as CompletedRun;
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
    accelerator: { kind: 'none', checked: ['nvidia-smi: not found'] },
    node: 'v20.20.2',
    harness: { version: '0.1.0', gitSha: 'abc123def456' },
    backend: { kind: 'sim', dialect: 'ollama', url: 'http://127.0.0.1:41000', version: null, scripted: true },
    models: {
      'sim-correct': {
        digest: null,
        architecture: 'scripted',
        moe: null,
        dense: true,
        parametersTotal: null,
        parametersActive: null,
        quantisation: 'none',
        contextTrained: 32768,
        contextLoaded: 32768,
        memory: null,
        capabilities: ['completion', 'tools'],
        sources: ['sim /api/show'],
      },
    },
    claudeCode: [{ version: '2.1.328', path: 'node_modules/.bin/claude', unsupported: [] }],
    ...overrides,
  };
}

/** A scripted report holding `runs`, its summary computed from them. */
export function sampleReport(runs: RunRecord[], overrides: Partial<BenchReport> = {}): BenchReport {
  const models = [...new Set(runs.map((r) => r.model))];
  const tasks = [...new Set(runs.map((r) => r.task))];
  return {
    schemaVersion: 2,
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

/** `run` as a completed run at `level` with `kind` (its other fields kept). */
export function atLevel<L extends Level>(run: RunRecord, level: L, kind: FailureKindOf<L>): RunRecord {
  if (run.status !== 'completed') throw new Error(`${run.id} is not a completed run`);
  return { ...run, level, label: labelForLevel[level], kind } as CompletedRun;
}
