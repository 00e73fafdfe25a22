/**
 * Report schema v1 → v2. v1 is frozen: its files were validated against schema/report.v1.json
 * before they get here, so the shapes below are what that schema guarantees.
 *
 * What changes: a run is a union on status (completed runs carry level, label, kind and a
 * fixability state; infra errors and timeouts carry cause and message instead of nullable level
 * fields); evidence kinds form a closed set; a missing metric says why; `totalMs` is `wallMs`; the
 * Claude Code release is part of an agent run; the environment carries the accelerator and
 * structured model facts. What v1 never recorded is marked so (`not_recorded`), never guessed.
 */
import type { ModelFacts } from '../core/facts.ts';
import type {
  CompletedRun,
  Evidence,
  EvidenceKind,
  FailedRun,
  FailureKind,
  Fixability,
  InfraCause,
  Level,
  Measured,
  ProtocolError,
  RunMetrics,
  RunRecord,
  TestResults,
} from '../core/run.ts';
import { evidenceKinds, labelForLevel } from '../core/run.ts';
import type { BenchReport, Environment } from './schema.ts';

type V1Evidence = { kind: string; quote: string; shows: string; source?: string };
type V1Metrics = Record<
  'ttftMs' | 'decodeTokensPerSec' | 'serverDecodeTokensPerSec' | 'prefillTokensPerSec' | 'loadMs' | 'queueMs',
  number | null
> & { totalMs: number; inputTokens: number | null; outputTokens: number | null; turns: number };
type V1Fixability = {
  method: 'repair' | 'rescue';
  levelBefore: Level;
  levelAfter: Level | null;
  testsAfter: TestResults | null;
  summary: string;
  rerunId?: string;
};
type V1Run = Pick<RunRecord, 'id' | 'model' | 'task' | 'mode' | 'attempt' | 'rescue' | 'securityEvents'> & {
  status: 'completed' | 'infra_error' | 'timeout';
  level: Level | null;
  fixability: V1Fixability | null;
  evidence: V1Evidence[];
  metrics: V1Metrics;
  tests: TestResults;
  protocolErrors: Array<Omit<ProtocolError, 'text'>>;
  smokeChecks: CompletedRun['smokeChecks'];
  artifacts: Record<string, string>;
  exchangeIds: string[];
  error: { code: string; message: string } | null;
  startedAt: string;
  finishedAt: string;
};
type V1Environment = Omit<Environment, 'accelerator' | 'models' | 'claudeCode'> & {
  models: Record<string, Record<string, string | number | null>>;
  claudeCode: { version: string | null; path: string | null };
};
/** The v1 report, as schema/report.v1.json guarantees it. */
export type V1Report = Omit<BenchReport, 'schemaVersion' | 'environment' | 'hosts' | 'runs' | 'summary'> & {
  schemaVersion: 1;
  environment: V1Environment;
  hosts?: V1Environment[];
  runs: V1Run[];
};

/** v1 evidence kinds written by the harness, and their v2 names. */
const v1EvidenceKinds: Record<string, EvidenceKind> = {
  truncated: 'truncation',
  typo: 'identifier_typo',
  template_token: 'leaked_tokens',
  infra_error: 'infra',
};

function migrateEvidence(item: V1Evidence): Evidence {
  const known = v1EvidenceKinds[item.kind] ?? (item.kind.startsWith('repair_') ? 'repair' : undefined);
  const kind = known ?? (item.kind in evidenceKinds ? (item.kind as EvidenceKind) : 'legacy');
  const shows = kind === 'legacy' ? `${item.shows} (v1 kind: ${item.kind})` : item.shows;
  return { kind, quote: item.quote, shows, ...(item.source === undefined ? {} : { source: item.source }) };
}

const notRecorded: Measured = { unavailable: 'not_recorded' };
const measured = (value: number | null): Measured => value ?? notRecorded;

function migrateMetrics(m: V1Metrics): RunMetrics {
  return {
    ttftMs: measured(m.ttftMs),
    ttftTextMs: notRecorded,
    ttftToolCallMs: notRecorded,
    decodeTokensPerSec: measured(m.decodeTokensPerSec),
    serverDecodeTokensPerSec: measured(m.serverDecodeTokensPerSec),
    prefillTokensPerSec: measured(m.prefillTokensPerSec),
    loadMs: measured(m.loadMs),
    loads: m.loadMs !== null && m.loadMs > 0 ? 1 : 0,
    queueMs: m.queueMs ?? 0,
    inputTokens: measured(m.inputTokens),
    outputTokens: measured(m.outputTokens),
    turns: m.turns,
    wallMs: m.totalMs,
    caveats: [],
  };
}

/** The failure kind v1 did not record, read from the evidence that decided the level. */
const kindByFirstEvidence: Record<string, FailureKind> = {
  prose_only: 'prose_only',
  no_implementation: 'no_implementation',
  empty_answer: 'empty_reply',
  thinking_only: 'thinking_only',
  model_text: 'capability_denial',
  typo: 'identifier_typo',
  identifier_typo: 'identifier_typo',
  leaked_tokens: 'leaked_tokens',
  template_token: 'leaked_tokens',
  truncated: 'truncated_output',
  truncation: 'truncated_output',
  missing_files: 'missing_files',
  unparseable_tool_input: 'unparseable_tool_input',
};
const defaultKind: Record<Level, FailureKind> = {
  1: 'off_task',
  2: 'unknown_tool',
  3: 'tool_name',
  4: 'param_name',
  5: 'tests_fail',
  6: 'success',
};

function kindFor(level: Level, evidence: readonly V1Evidence[]): FailureKind {
  const candidate = kindByFirstEvidence[evidence[0]?.kind ?? ''];
  const ofLevel: Record<Level, readonly FailureKind[]> = {
    1: ['off_task', 'prose_only', 'no_implementation', 'empty_reply', 'thinking_only'],
    2: ['unknown_tool', 'capability_denial'],
    3: ['tool_name'],
    4: ['param_name'],
    5: ['identifier_typo', 'leaked_tokens', 'truncated_output', 'missing_files', 'unparseable_tool_input'],
    6: ['success'],
  };
  return candidate !== undefined && ofLevel[level].includes(candidate) ? candidate : defaultKind[level];
}

function migrateFixability(run: V1Run & { level: Level }): Fixability {
  const fix = run.fixability;
  if (run.level === 6) return { state: 'not_needed' };
  if (run.level <= 2) return { state: 'no_fix' };
  if (fix === null) return { state: 'not_measured', reason: 'disabled' };
  if (fix.summary.includes('nothing to repair')) {
    return { state: 'nothing_to_change', method: fix.method, why: fix.summary };
  }
  const after: Extract<Fixability, { state: 'measured' }>['after'] =
    fix.levelAfter === null
      ? { status: 'infra_error', message: fix.summary }
      : { status: 'completed', level: fix.levelAfter, tests: fix.testsAfter ?? run.tests };
  const detail = /\(([^)]*)\)\s*$/.exec(fix.summary)?.[1];
  return {
    state: 'measured',
    method: fix.method,
    changes: detail === undefined ? [] : [detail],
    after,
    ...(fix.rerunId === undefined ? {} : { rerunId: fix.rerunId }),
  };
}

/** The error codes v1 runners wrote, and the cause each stood for. */
const causeByV1Code: Record<string, InfraCause> = {
  TIMEOUT: 'time_limit',
  CONNECTION: 'backend_unreachable',
  BACKEND_UNREACHABLE: 'backend_unreachable',
  BACKEND_ERROR: 'backend_error',
  API_ERROR: 'backend_error',
  PROMPT_TOO_LONG: 'context_too_small',
  CLAUDE_START: 'cli_error',
  CLI_NO_RESULT: 'cli_error',
  CLI_ERROR: 'cli_error',
};

function migrateRun(run: V1Run, claudeCode: string | null): RunRecord {
  const base = {
    id: run.id,
    model: run.model,
    task: run.task,
    mode: run.mode,
    claudeCode: run.mode === 'agent' ? claudeCode : null,
    attempt: run.attempt,
    rescue: run.rescue,
    metrics: migrateMetrics(run.metrics),
    thinking: { requested: false, turnsWithReasoning: null },
    protocolErrors: run.protocolErrors,
    securityEvents: run.securityEvents,
    artifacts: run.artifacts,
    exchangeIds: run.exchangeIds,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    evidence: run.evidence.map(migrateEvidence),
  };
  if (run.status !== 'completed' || run.level === null) {
    const code = run.error?.code ?? '';
    const cause: InfraCause =
      run.status === 'timeout'
        ? 'time_limit'
        : (causeByV1Code[code] ?? (code.startsWith('HTTP_') ? 'backend_error' : 'harness_error'));
    const failed: FailedRun = {
      ...base,
      status: run.status === 'completed' ? 'infra_error' : run.status,
      cause,
      message: run.error?.message ?? 'no message recorded',
    };
    return failed;
  }
  const level = run.level;
  return {
    ...base,
    status: 'completed',
    level,
    label: labelForLevel[level],
    kind: kindFor(level, run.evidence),
    tests: run.tests,
    fixability: migrateFixability({ ...run, level }),
    smokeChecks: run.smokeChecks,
  } as CompletedRun;
}

/** Model facts from a flat key/value record (v1 reports; backends that answer in that form). */
export function factsFromRecord(facts: Record<string, string | number | null>, source: string): ModelFacts {
  const text = (...keys: string[]): string | null => {
    for (const key of keys) if (typeof facts[key] === 'string' && facts[key] !== '') return facts[key] as string;
    return null;
  };
  const num = (...keys: string[]): number | null => {
    for (const key of keys) if (typeof facts[key] === 'number') return facts[key] as number;
    return null;
  };
  return {
    digest: text('digest'),
    architecture: text('family', 'architecture'),
    moe: null,
    dense: null,
    parametersTotal: num('parameter_count', 'parameterCount'),
    parametersActive: null,
    quantisation: text('quantization_level', 'quantisation'),
    contextTrained: num('context_length', 'contextLength'),
    contextLoaded: null,
    memory: null,
    capabilities: null,
    sources: [source],
  };
}

function migrateEnvironment(env: V1Environment): Environment {
  const { version, path } = env.claudeCode;
  return {
    ...env,
    accelerator: { kind: 'none', checked: ['not recorded (v1 report)'] },
    models: Object.fromEntries(
      Object.entries(env.models).map(([name, facts]) => [name, factsFromRecord(facts, 'v1 report')]),
    ),
    claudeCode: version === null ? [] : [{ version, path: path ?? '', unsupported: [] }],
  };
}

/** A v1 report as v2; the summary is left empty for the caller to derive from the runs. */
export function migrateV1(report: V1Report): BenchReport {
  const { hosts, environment, runs, ...rest } = report;
  const claudeCode = environment.claudeCode.version;
  return {
    ...rest,
    schemaVersion: 2,
    environment: migrateEnvironment(environment),
    ...(hosts === undefined ? {} : { hosts: hosts.map(migrateEnvironment) }),
    runs: runs.map((run) => migrateRun(run, claudeCode)),
    summary: [],
  };
}
