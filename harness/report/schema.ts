/**
 * report.json, schema version 2: environment, settings, every run, and the per-group summary
 * derived from the runs. One source of truth (TypeBox): the TypeScript types are `Static<>` of
 * these, and `schema/report.v2.json` is generated from them by `pnpm schema` (a test fails when
 * the committed file differs). Readers reject a schemaVersion they do not know; v1 files are
 * migrated (migrate.ts).
 */
import Type from 'typebox';
import { Accelerator, ModelFacts } from '../core/facts.ts';
import { IsoTime, LevelSchema, Mode, RunRecord } from '../core/run.ts';
import { MetricStats } from '../core/stats.ts';

export const reportSchemaVersion = 2;

const Count = Type.Integer({ minimum: 0 });
const Nullable = <T extends Type.TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** One Claude Code release the runs used, and the bounds it does not support. */
export const ClaudeCodeRelease = Type.Object(
  {
    version: Type.String(),
    path: Type.String(),
    /** Bounding variables or flags this release ignores, each with the substitute used if any. */
    unsupported: Type.Array(Type.String()),
  },
  { additionalProperties: false },
);
export type ClaudeCodeRelease = Type.Static<typeof ClaudeCodeRelease>;

export const Environment = Type.Object(
  {
    host: Type.String(),
    os: Type.String(),
    arch: Type.String(),
    cpu: Type.String(),
    cpuCores: Count,
    memoryGiB: Type.Number({ minimum: 0 }),
    accelerator: Accelerator,
    node: Type.String(),
    harness: Type.Object({ version: Type.String(), gitSha: Nullable(Type.String()) }, { additionalProperties: false }),
    backend: Type.Object(
      {
        kind: Type.String(),
        dialect: Type.String(),
        url: Type.String(),
        version: Nullable(Type.String()),
        scripted: Type.Boolean(),
      },
      { additionalProperties: false },
    ),
    /** Per model, what the backend says about it. */
    models: Type.Record(Type.String(), ModelFacts),
    /** The Claude Code releases the agent runs used. */
    claudeCode: Type.Array(ClaudeCodeRelease),
  },
  { additionalProperties: false },
);
export type Environment = Type.Static<typeof Environment>;

/** Settings that differed between merged shards, one entry per shard. */
export const ShardSettings = Type.Object(
  {
    host: Type.String(),
    settingsHash: Type.String(),
    /** The shard's own value of every setting that conflicted with the merged one. */
    conflicts: Type.Record(Type.String(), Type.Unknown()),
  },
  { additionalProperties: false },
);
export type ShardSettings = Type.Static<typeof ShardSettings>;

/** Resolved bench settings (the optional ones are absent from reports of older harnesses). */
export const ReportSettings = Type.Object({
  dialect: Type.Optional(Type.String()),
  baseUrl: Type.Optional(Nullable(Type.String())),
  think: Type.Optional(Type.Boolean()),
  timeoutSec: Type.Optional(Type.Number({ minimum: 0 })),
  maxTurns: Type.Optional(Type.Integer({ minimum: 0 })),
  measureFixability: Type.Optional(Type.Boolean()),
  tasks: Type.Array(Type.String()),
  models: Type.Array(Type.String()),
  modes: Type.Array(Mode),
  backend: Type.String(),
  repeat: Type.Integer({ minimum: 1 }),
  numCtx: Type.Integer({ minimum: 0 }),
  maxTokens: Type.Integer({ minimum: 0 }),
  temperature: Type.Number({ minimum: 0 }),
  rescue: Type.Boolean(),
  settingsHash: Type.String(),
  /** Present on merged reports whose shards disagreed on settings other than models. */
  shards: Type.Optional(Type.Array(ShardSettings)),
});
export type ReportSettings = Type.Static<typeof ReportSettings>;

export const timingMetrics = [
  'ttftMs',
  'decodeTokensPerSec',
  'serverDecodeTokensPerSec',
  'prefillTokensPerSec',
  'wallMs',
] as const;
export type TimingMetric = (typeof timingMetrics)[number];

const MedianTestCount = Type.Object(
  { passed: Type.Number({ minimum: 0 }), total: Type.Number({ minimum: 0 }) },
  { additionalProperties: false },
);

const summaryKeyProperties = {
  model: Type.String(),
  task: Type.String(),
  mode: Mode,
  rescue: Type.Boolean(),
  /** The Claude Code release of the group's agent runs; null for raw runs. */
  claudeCode: Nullable(Type.String()),
};
export const SummaryKey = Type.Object(summaryKeyProperties);
export type SummaryKey = Type.Static<typeof SummaryKey>;

/** Aggregated per (model, task, mode, rescue, Claude Code release); always derived from the runs. */
export const RunSummary = Type.Object(
  {
    ...summaryKeyProperties,
    /** Every run of the group, whatever its status. */
    attempts: Count,
    completed: Count,
    timeouts: Count,
    infraErrors: Count,
    /** Runs at level 6. */
    successes: Count,
    /**
     * Per-attempt success rate: successes / (attempts − infra errors). Infra errors say nothing
     * about the model and are left out; timeouts count as failed attempts. Null when no attempt
     * was graded.
     */
    passAt1: Nullable(Type.Number({ minimum: 0, maximum: 1 })),
    /** 1 when any graded attempt succeeded, else 0 (k = the graded attempts); null as above. */
    passAtK: Type.Union([Type.Literal(0), Type.Literal(1), Type.Null()]),
    levels: Type.Object(
      { 1: Count, 2: Count, 3: Count, 4: Count, 5: Count, 6: Count },
      { additionalProperties: false },
    ),
    /** Most frequent level among completed runs; a tie goes to the lower (worse) level. */
    modalLevel: Nullable(LevelSchema),
    /** Most frequent status; a tie goes to the worse status (infra_error, then timeout). */
    modalStatus: Type.Enum(['completed', 'infra_error', 'timeout']),
    /** Median test counts over the completed runs; null when none completed. */
    tests: Nullable(
      Type.Object({ model: MedianTestCount, reference: MedianTestCount }, { additionalProperties: false }),
    ),
    /** Timing statistics over the completed runs. */
    metrics: Type.Object(
      {
        ttftMs: MetricStats,
        decodeTokensPerSec: MetricStats,
        serverDecodeTokensPerSec: MetricStats,
        prefillTokensPerSec: MetricStats,
        wallMs: MetricStats,
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type RunSummary = Type.Static<typeof RunSummary>;
export type LevelDistribution = RunSummary['levels'];
export type { MetricStats };

export const BenchReport = Type.Object(
  {
    schemaVersion: Type.Literal(2),
    /** Harness name and version. */
    generator: Type.Object(
      { name: Type.String({ minLength: 1 }), version: Type.String({ minLength: 1 }) },
      { additionalProperties: false },
    ),
    /** True when any run used the built-in scripted backend; every writer says so prominently. */
    scripted: Type.Boolean(),
    startedAt: IsoTime,
    finishedAt: IsoTime,
    environment: Environment,
    /** Merged reports: one environment per host/shard. */
    hosts: Type.Optional(Type.Array(Environment)),
    settings: ReportSettings,
    runs: Type.Array(RunRecord),
    /** Derived from `runs` (summarise); readers recompute it and say when a stored one disagrees. */
    summary: Type.Array(RunSummary),
  },
  {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://local-llm-claude-code-bench/schema/report.v2.json',
    title: 'Benchmark report, schema version 2',
    description:
      'report.json written by pnpm bench: environment, settings, every run and the per-group summary derived from the runs. Generated from harness/report/schema.ts. Readers must reject a schemaVersion they do not know.',
    additionalProperties: false,
  },
);
export type BenchReport = Type.Static<typeof BenchReport>;
