/**
 * What an agent run leaves behind, as the agent classifier and the smoke checks read it. The
 * agent runner (harness/modes/agent) collects it from the proxy's exchange records, Claude
 * Code's stream-json output, the workspace and the grade; everything here is plain data, so the
 * evidence of real runs can be committed as fixtures (fixtures/agent/*.json).
 */
import type { ToolCallValidation } from '../core/exchange.ts';
import type { StopReason } from '../core/messages.ts';
import type { SecurityEvent, TestResults } from '../core/run.ts';

/** One model turn (a model exchange; housekeeping excluded). */
export interface AgentTurn {
  turn: number;
  exchangeId: string;
  stopReason: StopReason | null;
  ttftMs: number | null;
  decodeTokensPerSec: number | null;
  outputTokens: number | null;
  /** The exchange's error, quoted, when the upstream failed. */
  error: string | null;
}

/** A tool call the model wrote as text (not a tool_use block), as the proxy recognised it. */
export interface TextCallOrigin {
  /** The text format it was written in (qwen3-coder-xml, hermes, harmony …). */
  format: string;
  /** The text exactly as the model wrote it. */
  verbatim: string;
  /** Whether it was in the answer text or inside reasoning. */
  in: 'text' | 'reasoning';
}

/** One tool call as the model sent it, and what became of it. */
export interface AgentToolCall {
  turn: number;
  exchangeId: string;
  id: string;
  /** Null for a tool_use block; where and how it was written for a call written as text. */
  text: TextCallOrigin | null;
  /** Name and input exactly as the model sent them. */
  name: string;
  input: unknown;
  offered: boolean;
  /** For a name that is not offered: the offered tool the proxy's alias tables map it to. */
  mapsTo: string | null;
  validation: ToolCallValidation;
  /** What Claude Code received instead, when the proxy's rescue rewrote the call. */
  rescued: { name: string; input: unknown } | null;
  /** Claude Code's tool_result for the call, verbatim; null when none was seen. */
  result: { isError: boolean; text: string } | null;
  /** The call aims at one of the task's files (by name or by recognisable content). */
  targetsArtifact: boolean;
  /** The file a file-writing call writes, resolved against the workspace. */
  writeTarget: { path: string; insideWorkspace: boolean } | null;
}

/** A Bash tool call that ran pytest, with the output Claude Code fed back. */
export interface AgentPytestRun {
  turn: number;
  toolUseId: string;
  command: string;
  output: string;
  /** Claude Code flagged the result as an error (non-zero exit, or refused). */
  isError: boolean;
}

/** The same call or text repeated turn after turn (or a line repeated inside one stream). */
export interface AgentLoop {
  what: 'call' | 'text' | 'stream';
  /** The repeated call or text, shortened. */
  signature: string;
  count: number;
  /** The proxy stopped the run at the loop limit. */
  stopped: boolean;
  /** Run time when the loop was stopped (ms from the first request), for the time-saved estimate. */
  stoppedAtMs: number | null;
}

export interface AgentEvidence {
  taskId: string;
  /** Whether the proxy rescued this run's tool calls. */
  rescue: boolean;
  /** Tool names offered in the first model request. */
  offeredTools: string[];
  turns: AgentTurn[];
  toolCalls: AgentToolCall[];
  /** The model's text blocks, per turn. */
  texts: Array<{ turn: number; exchangeId: string; text: string }>;
  /** The task's files. */
  artifactsExpected: Array<{ role: string; file: string }>;
  /** Roles of the task's artifacts found in the workspace after the run (implementation, test). */
  artifactsFound: string[];
  /** Files in the workspace after the run, relative to it. */
  workspaceFiles: string[];
  pytestRuns: AgentPytestRun[];
  /** Text that carried leaked template tokens such as <unused24>. */
  leakedTokens: Array<{ turn: number; text: string }>;
  /** Turns that ended with no content at all (no text, no reasoning, no tool call). */
  emptyTurns: number[];
  /** Turns whose reasoning never closed (all output inside an unclosed think block). */
  unclosedReasoning: Array<{ turn: number; exchangeId: string; text: string }>;
  /** Model turns on which reasoning arrived. */
  reasoningTurns: number;
  /** A loop the proxy detected, if any. */
  loop: AgentLoop | null;
  /** The time limit of the run, for the time a stopped loop saved. */
  timeLimitMs: number;
  /** Corruption found in the written files (typos such as LRUCCache, truncation). */
  corruption: Array<{ kind: 'identifier_typo' | 'leaked_tokens'; quote: string; file: string }>;
  tests: TestResults;
  /** Short excerpts of the grader's pytest output (failures first). */
  testOutput: { model: string; reference: string };
  securityEvents: SecurityEvent[];
  /** How Claude Code ended. */
  ending: { terminalReason: string | null; isError: boolean; exitCode: number | null; result: string };
  wallMs: number;
}
