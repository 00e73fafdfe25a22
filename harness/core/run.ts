/**
 * One benchmark run (model × task × mode × attempt) as it is recorded in runs.jsonl and
 * report.json. The JSON schema in harness/report/schema/ is the authority; these types mirror it.
 */

export type Mode = 'raw' | 'agent';
export type RunStatus = 'completed' | 'infra_error' | 'timeout';
export type Level = 1 | 2 | 3 | 4 | 5 | 6;
export type Label =
  | 'task_comprehension'
  | 'tool_hallucination'
  | 'tool_name_mismatch'
  | 'param_name_mismatch'
  | 'output_corruption'
  | 'success';

export const labelForLevel: Record<Level, Label> = {
  1: 'task_comprehension',
  2: 'tool_hallucination',
  3: 'tool_name_mismatch',
  4: 'param_name_mismatch',
  5: 'output_corruption',
  6: 'success',
};

/** A short verbatim quote and what it shows. */
export interface Evidence {
  kind: string;
  quote: string;
  shows: string;
  /** Where the quote came from (exchange id, file, pytest output, CLI stream). */
  source?: string;
}

export interface TestCount {
  passed: number;
  total: number;
}

export interface TestResults {
  model: TestCount;
  reference: TestCount;
}

export interface RunMetrics {
  ttftMs: number | null;
  decodeTokensPerSec: number | null;
  serverDecodeTokensPerSec: number | null;
  prefillTokensPerSec: number | null;
  /** Server-reported model load time, kept apart so a cold load is not read as slow decoding. */
  loadMs: number | null;
  /** Wall time of the whole run (raw: the request; agent: the CLI process). */
  totalMs: number;
  queueMs: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
  turns: number;
}

export interface ProtocolError {
  kind: 'tool_name_mismatch' | 'param_name_mismatch' | 'unparseable_tool_input' | 'tool_hallucination';
  call: { name: string; input: unknown };
  repairedBy: 'claude_code' | 'proxy_rescue' | 'model_retry' | null;
}

export interface Fixability {
  method: 'repair' | 'rescue';
  levelBefore: Level;
  levelAfter: Level | null;
  testsAfter: TestResults | null;
  /** e.g. "level 3 → 6 with rescue" or "not fixable: still level 3". */
  summary: string;
  /** Id of the rerun when the fix was measured by running again. */
  rerunId?: string;
}

export interface SmokeChecks {
  filesInWorkspace: boolean;
  pytestRan: boolean;
  failurePatched: boolean;
  noTemplateTokens: boolean;
  noTruncation: boolean;
}

export interface SecurityEvent {
  kind: 'write_outside_workspace';
  tool: string;
  target: string;
  refused: boolean;
}

export interface RunRecord {
  id: string;
  model: string;
  task: string;
  mode: Mode;
  attempt: number;
  rescue: boolean;
  status: RunStatus;
  level: Level | null;
  label: Label | null;
  fixable: boolean | null;
  fixability: Fixability | null;
  /** The evidence that decided the level first, then the rest. */
  evidence: Evidence[];
  metrics: RunMetrics;
  tests: TestResults;
  testsAfterRepair: TestResults | null;
  protocolErrors: ProtocolError[];
  smokeChecks: SmokeChecks | null;
  securityEvents: SecurityEvent[];
  /** Paths relative to the report directory. */
  artifacts: Record<string, string>;
  /** Exchange ids in the proxy log that belong to this run. */
  exchangeIds: string[];
  error: { code: string; message: string } | null;
  startedAt: string;
  finishedAt: string;
}

/** What a classifier returns: the level, its label and the evidence that decided it. */
export interface Classification {
  level: Level;
  label: Label;
  deciding: Evidence[];
}
