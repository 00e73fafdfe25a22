/**
 * One benchmark run (model × task × mode × Claude Code release × attempt) as it is recorded in
 * runs.jsonl and report.json — schema version 2.
 *
 * These TypeBox definitions are the one source of truth: the TypeScript types are `Static<>` of
 * them, and `harness/report/schema/report.v2.json` is generated from them (`pnpm schema`; a test
 * fails when the committed file differs). TypeBox over generating types from a JSON file: the
 * schema is written once, in the language the code is in, with its doc comments beside it, and
 * no code generation step can be forgotten.
 */
import Type from 'typebox';
import { oneOf } from './schema-kit.ts';

export const Mode = Type.Enum(['raw', 'agent']);
export type Mode = Type.Static<typeof Mode>;

export const levels = [1, 2, 3, 4, 5, 6] as const;
export type Level = (typeof levels)[number];

export const labelForLevel = {
  1: 'task_comprehension',
  2: 'tool_hallucination',
  3: 'tool_name_mismatch',
  4: 'param_name_mismatch',
  5: 'output_corruption',
  6: 'success',
} as const satisfies Record<Level, string>;
export type Label = (typeof labelForLevel)[Level];

/**
 * The kind of failure within each level: what the taxonomy table shows next to the level
 * ("5 · tool call written as text"). Each kind belongs to exactly one level.
 */
export const failureKinds = {
  1: {
    off_task: 'did something else (never aimed at the task’s files)',
    prose_only: 'answered in prose without code',
    no_implementation: 'code without the implementation',
    empty_reply: 'empty reply',
    thinking_only: 'all output went to thinking',
  },
  2: {
    unknown_tool: 'called a tool that does not exist',
    capability_denial: 'claimed a capability it lacks',
  },
  3: {
    tool_name: 'tool name',
  },
  4: {
    param_name: 'parameter names',
    argument_type: 'argument types',
  },
  5: {
    text_tool_call: 'tool call written as text',
    truncated_tool_call: 'tool call cut by the output limit',
    unparseable_tool_input: 'tool arguments that are not JSON',
    identifier_typo: 'identifier typos',
    leaked_tokens: 'leaked template tokens',
    reasoning_in_text: 'reasoning markup in the answer',
    truncated_output: 'output cut by the token limit',
    tests_fail: 'tests fail',
    missing_files: 'files missing',
  },
  6: {
    success: 'success',
  },
} as const satisfies Record<Level, Record<string, string>>;
export type FailureKindOf<L extends Level> = keyof (typeof failureKinds)[L] & string;
export type FailureKind = { [L in Level]: FailureKindOf<L> }[Level];

/** Why a run got no level: the outcome was not the model's. */
export const infraCauses = {
  time_limit: 'the run hit its time limit',
  backend_unreachable: 'the backend could not be reached',
  backend_error: 'the backend answered with an error',
  stream_interrupted: 'the backend closed the stream before the answer was complete',
  context_truncated: 'the server cut the prompt to fit its context window',
  context_too_small: 'the prompt does not fit the server’s context window',
  output_budget: 'the requested output does not fit the context window',
  model_capability: 'the model lacks a capability the run needs (tools, thinking)',
  cli_error: 'Claude Code failed for a reason that is not the model’s',
  harness_error: 'the harness failed',
} as const;
export type InfraCause = keyof typeof infraCauses;

/** Every kind of evidence a run can carry: a closed set, each with what it is. */
export const evidenceKinds = {
  tests: 'test counts from pytest',
  pytest_output: 'what pytest printed for failures',
  missing_files: 'the task’s files missing from the workspace',
  no_attempt: 'nothing aimed at the task’s files',
  model_text: 'what the model said',
  capability_denial: 'the model declaring a capability it lacks',
  empty_answer: 'an empty answer',
  empty_reply: 'a turn that ended with no content',
  thinking_only: 'thinking with no answer',
  unclosed_reasoning: 'reasoning that never closed',
  prose_only: 'prose without code',
  no_implementation: 'code without the implementation file',
  tool_hallucination: 'a call to a tool that does not exist',
  tool_name_mismatch: 'a call to an unoffered name that maps to an offered tool',
  param_name_mismatch: 'a call whose arguments violate the tool’s schema',
  argument_type: 'arguments of the wrong JSON type (numbers as strings, double-encoded)',
  unparseable_tool_input: 'tool arguments that are not a JSON object',
  text_tool_call: 'a tool call written as text',
  truncated_tool_call: 'a tool call cut by the output limit',
  tool_error: 'what Claude Code answered to a failed call',
  tool_result: 'what Claude Code answered to a repaired call',
  loop: 'the same call or text repeated',
  identifier_typo: 'a corrupted identifier (LRUCCache)',
  leaked_tokens: 'template tokens leaked into the output',
  reasoning_in_text: 'reasoning tags or channel markers in the answer text',
  truncation: 'output stopped at the token limit',
  thought_while_off: 'reasoning arrived although thinking was off',
  repair: 'a change the deterministic repair made',
  context_truncated: 'the server’s input token count shows a cut prompt',
  infra: 'what failed outside the model',
  timeout: 'the time limit',
  security: 'an attempt to write outside the workspace',
  legacy: 'evidence from a v1 report whose kind has no v2 equivalent',
} as const;
export type EvidenceKind = keyof typeof evidenceKinds;

const keysOf = <T extends object>(table: T): (keyof T & string)[] => Object.keys(table) as (keyof T & string)[];

/** A short verbatim quote and what it shows. */
export const Evidence = Type.Object(
  {
    kind: Type.Enum(keysOf(evidenceKinds)),
    quote: Type.String(),
    shows: Type.String(),
    /** Where the quote came from (exchange id, file, pytest output, CLI stream). */
    source: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type Evidence = Type.Static<typeof Evidence>;

const Count = Type.Integer({ minimum: 0 });
/** An ISO 8601 timestamp with a time zone, as `Date.prototype.toISOString` writes it. */
export const IsoTime = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$',
});
export const TestCount = Type.Object({ passed: Count, total: Count }, { additionalProperties: false });
export type TestCount = Type.Static<typeof TestCount>;
export const TestResults = Type.Object({ model: TestCount, reference: TestCount }, { additionalProperties: false });
export type TestResults = Type.Static<typeof TestResults>;

/** Why a metric has no value. */
export const unavailableReasons = {
  not_reported: 'not reported by this backend',
  no_model_turn: 'no request reached the model',
  no_tokens: 'no output tokens',
  one_token: 'one output token (a rate needs two)',
  no_tool_call: 'no tool call streamed',
  no_text: 'no text streamed',
  not_recorded: 'not recorded (the report comes from an older harness)',
} as const;
export type UnavailableReason = keyof typeof unavailableReasons;
export const Unavailable = Type.Object(
  { unavailable: Type.Enum(keysOf(unavailableReasons)) },
  { additionalProperties: false },
);
export type Unavailable = Type.Static<typeof Unavailable>;
/** A measured number, or why there is none. */
export const Measured = Type.Union([Type.Number(), Unavailable]);
export type Measured = Type.Static<typeof Measured>;

/** The number in a measured metric, or null when it has none (for statistics and charts). */
export function measuredValue(measured: Measured): number | null {
  return typeof measured === 'number' ? measured : null;
}

/**
 * Caveats that make a figure not comparable across backends; the report prints them next to the
 * number and cross-backend charts leave such figures out.
 */
export const metricCaveats = {
  prefill_includes_cache_hits: 'prefill rate counts cached prompt tokens (Ollama): not comparable',
  tool_calls_sent_whole:
    'the backend sends a tool call only once it is complete: TTFT of tool-call turns is not comparable',
  load_not_reported: 'the backend reports no load time: a cold load is inside TTFT',
} as const;
export type MetricCaveat = keyof typeof metricCaveats;

export const RunMetrics = Type.Object(
  {
    /** First model turn: upstream request sent → first content of any kind (text, reasoning, tool call). */
    ttftMs: Measured,
    /** Upstream request sent → first text or reasoning delta, on the first turn that had one. */
    ttftTextMs: Measured,
    /** Upstream request sent → first tool-call byte, on the first turn that had a tool call. */
    ttftToolCallMs: Measured,
    /** (output tokens − 1) / (last token time − first token time), over all model turns. */
    decodeTokensPerSec: Measured,
    /** What the server says its decode rate was. */
    serverDecodeTokensPerSec: Measured,
    /** Uncached prompt tokens / prefill time, as the server reports them. */
    prefillTokensPerSec: Measured,
    /** Server-reported model load time summed over all turns (a reload after keep-alive expiry counts). */
    loadMs: Measured,
    /** Turns on which the server reported a model load. */
    loads: Count,
    /** Time waiting for an upstream slot, summed; kept apart from TTFT. */
    queueMs: Type.Number({ minimum: 0 }),
    inputTokens: Measured,
    outputTokens: Measured,
    /** Model turns (housekeeping excluded). */
    turns: Count,
    /** Wall time of the whole run (raw: the request; agent: the Claude Code process). */
    wallMs: Type.Number({ minimum: 0 }),
    caveats: Type.Array(Type.Enum(keysOf(metricCaveats))),
  },
  { additionalProperties: false },
);
export type RunMetrics = Type.Static<typeof RunMetrics>;

export const protocolErrorKinds = [
  'tool_hallucination',
  'tool_name_mismatch',
  'param_name_mismatch',
  'argument_type',
  'unparseable_tool_input',
  'text_tool_call',
  'truncated_tool_call',
] as const;
export type ProtocolErrorKind = (typeof protocolErrorKinds)[number];

export const ProtocolError = Type.Object(
  {
    kind: Type.Enum([...protocolErrorKinds]),
    call: Type.Object({ name: Type.String(), input: Type.Unknown() }, { additionalProperties: false }),
    /** For text_tool_call: the text format it was written in, and the verbatim text. */
    text: Type.Optional(
      Type.Object({ format: Type.String(), verbatim: Type.String() }, { additionalProperties: false }),
    ),
    repairedBy: Type.Union([Type.Enum(['claude_code', 'proxy_rescue', 'model_retry']), Type.Null()]),
  },
  { additionalProperties: false },
);
export type ProtocolError = Type.Static<typeof ProtocolError>;

export const SmokeChecks = Type.Object(
  {
    filesInWorkspace: Type.Boolean(),
    pytestRan: Type.Boolean(),
    failurePatched: Type.Boolean(),
    noTemplateTokens: Type.Boolean(),
    noTruncation: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type SmokeChecks = Type.Static<typeof SmokeChecks>;

export const SecurityEvent = Type.Object(
  {
    kind: Type.Literal('write_outside_workspace'),
    tool: Type.String(),
    target: Type.String(),
    refused: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type SecurityEvent = Type.Static<typeof SecurityEvent>;

export const LevelSchema = Type.Union([
  Type.Literal(1),
  Type.Literal(2),
  Type.Literal(3),
  Type.Literal(4),
  Type.Literal(5),
  Type.Literal(6),
]);

/** How the rerun or regrade that measured fixability ended. */
export const FixOutcome = oneOf([
  Type.Object(
    { status: Type.Literal('completed'), level: LevelSchema, tests: TestResults },
    { additionalProperties: false },
  ),
  Type.Object(
    { status: Type.Enum(['infra_error', 'timeout']), message: Type.String() },
    { additionalProperties: false },
  ),
]);
export type FixOutcome = Type.Static<typeof FixOutcome>;

/**
 * Whether a failure is fixable, as measured — never assumed. `fixable` is derived from this
 * (see fixableOf); the report's one-line summary is derived too.
 */
export const Fixability = oneOf([
  /** Level 6: nothing to fix. */
  Type.Object({ state: Type.Literal('not_needed') }, { additionalProperties: false }),
  /** Levels 1–2: no deterministic fix exists (the model did not do the task). */
  Type.Object({ state: Type.Literal('no_fix') }, { additionalProperties: false }),
  /** A fix applies but was not measured. */
  Type.Object(
    { state: Type.Literal('not_measured'), reason: Type.Enum(['disabled', 'already_rescued']) },
    { additionalProperties: false },
  ),
  /** The fix had nothing to change, so nothing was rerun (e.g. an answer cut at max_tokens). */
  Type.Object(
    { state: Type.Literal('nothing_to_change'), method: Type.Enum(['repair', 'rescue']), why: Type.String() },
    { additionalProperties: false },
  ),
  /** The fix was applied and the result graded and classified again. */
  Type.Object(
    {
      state: Type.Literal('measured'),
      method: Type.Enum(['repair', 'rescue']),
      /** What the fix changed, one line each ("LRUCCache → LRUCache (lru_cache.py:12)", "write_file → Write"). */
      changes: Type.Array(Type.String()),
      after: FixOutcome,
      /** Id of the rerun (rescue) in the proxy log. */
      rerunId: Type.Optional(Type.String()),
    },
    { additionalProperties: false },
  ),
]);
export type Fixability = Type.Static<typeof Fixability>;

/** True only when a measured fix reached level 6. */
export function fixableOf(fixability: Fixability): boolean {
  return fixability.state === 'measured' && fixability.after.status === 'completed' && fixability.after.level === 6;
}

/**
 * Whether thinking was asked for, and how many model turns produced reasoning (null: not recorded,
 * a report from an older harness). A thinking-off run with reasoning turns thought anyway.
 */
export const ThinkingRecord = Type.Object(
  { requested: Type.Boolean(), turnsWithReasoning: Type.Union([Count, Type.Null()]) },
  { additionalProperties: false },
);
export type ThinkingRecord = Type.Static<typeof ThinkingRecord>;

const runBaseProperties = {
  id: Type.String({ minLength: 1 }),
  model: Type.String({ minLength: 1 }),
  task: Type.String({ minLength: 1 }),
  mode: Mode,
  /** The Claude Code release an agent run used (exact version); null for raw runs. */
  claudeCode: Type.Union([Type.String({ minLength: 1 }), Type.Null()]),
  attempt: Type.Integer({ minimum: 1 }),
  rescue: Type.Boolean(),
  metrics: RunMetrics,
  thinking: ThinkingRecord,
  /** Every tool call that broke the protocol, with who (if anyone) repaired it. */
  protocolErrors: Type.Array(ProtocolError),
  securityEvents: Type.Array(SecurityEvent),
  /** Paths relative to the report directory. */
  artifacts: Type.Record(Type.String(), Type.String()),
  /** Exchange ids in the proxy log that belong to this run. */
  exchangeIds: Type.Array(Type.String()),
  startedAt: IsoTime,
  finishedAt: IsoTime,
};

function completedAtLevel<L extends Level>(level: L) {
  return Type.Object(
    {
      ...runBaseProperties,
      status: Type.Literal('completed'),
      level: Type.Literal(level),
      label: Type.Literal(labelForLevel[level]),
      kind: Type.Enum(keysOf(failureKinds[level]) as FailureKindOf<L>[]),
      /** The evidence that decided the level first, then the rest. */
      evidence: Type.Array(Evidence),
      tests: TestResults,
      fixability: Fixability,
      smokeChecks: Type.Union([SmokeChecks, Type.Null()]),
    },
    { additionalProperties: false },
  );
}

/** The completed-run schema of each level (the cases of CompletedRun). */
export const completedRunByLevel = {
  1: completedAtLevel(1),
  2: completedAtLevel(2),
  3: completedAtLevel(3),
  4: completedAtLevel(4),
  5: completedAtLevel(5),
  6: completedAtLevel(6),
} as const;

export const CompletedRun = oneOf([
  completedRunByLevel[1],
  completedRunByLevel[2],
  completedRunByLevel[3],
  completedRunByLevel[4],
  completedRunByLevel[5],
  completedRunByLevel[6],
]);
export type CompletedRun = Type.Static<typeof CompletedRun>;

/** A run whose outcome was not the model's: no level is given. */
export const FailedRun = Type.Object(
  {
    ...runBaseProperties,
    status: Type.Enum(['infra_error', 'timeout']),
    cause: Type.Enum(keysOf(infraCauses)),
    /** The server's or harness's own message, verbatim. */
    message: Type.String(),
    /** What was seen before the failure, deciding item first (the numbers that show a cut prompt). */
    evidence: Type.Array(Evidence),
  },
  { additionalProperties: false },
);
export type FailedRun = Type.Static<typeof FailedRun>;

export const RunRecord = oneOf([CompletedRun, FailedRun]);
export type RunRecord = Type.Static<typeof RunRecord>;
export type RunStatus = RunRecord['status'];

/** What a classifier returns: the level, its kind and the evidence that decided it. */
export type Classification = {
  [L in Level]: { level: L; kind: FailureKindOf<L>; deciding: Evidence[] };
}[Level];

/** Build a classification, checking at compile time that the kind belongs to the level. */
export function classified<L extends Level>(level: L, kind: FailureKindOf<L>, deciding: Evidence[]): Classification {
  return { level, kind, deciding } as Classification;
}
