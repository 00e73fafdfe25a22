/**
 * Collects the evidence of one agent run (taxonomy's AgentEvidence) from what the run left: the
 * proxy's exchange records (the model's calls exactly as sent), Claude Code's stream-json (what
 * it answered), the workspace and the grade. Pure: all IO happens in the runner.
 */
import path from 'node:path';
import type { ExchangeRecord, ToolCallRecord } from '../../core/exchange.ts';
import { isRecord } from '../../core/json.ts';
import type { MessageParam, ToolDefinition } from '../../core/messages.ts';
import type { TestResults } from '../../core/run.ts';
import type { TaskArtifact } from '../../tasks/types.ts';
import type { AgentEvidence, AgentPytestRun, AgentToolCall, AgentTurn } from '../../taxonomy/agent-evidence.ts';
import type { ClaudeStream } from './claude-stream.ts';
import { toolResultText } from './claude-stream.ts';
import type { HookRefusal } from './security-events.ts';
import { collectSecurityEvents } from './security-events.ts';

/** Offered tools that write files, and the input fields that name the file. */
export const fileWritingTools: readonly string[] = ['Write', 'Edit', 'MultiEdit', 'NotebookEdit'];
const targetFields = ['file_path', 'notebook_path', 'path', 'filename', 'file', 'filepath'] as const;
const readOnlyTools: readonly string[] = ['Read', 'Glob', 'Grep', 'LS', 'ToolSearch'];

/** Maps an unoffered tool name to the offered tool the proxy's alias tables say it means. */
export type ToolNameMapper = (name: string, offered: readonly string[]) => string | null;

export interface WorkspaceFile {
  /** Relative to the workspace, with `/`. */
  path: string;
  content: string;
}

export interface EvidenceInput {
  task: { id: string; artifacts: readonly TaskArtifact[] };
  rescue: boolean;
  /** This run's records (its own proxy session). */
  exchanges: readonly ExchangeRecord[];
  stream: ClaudeStream;
  /** Absolute workspace path (write targets are resolved against it). */
  workspace: string;
  /** Every file in the workspace after the run. */
  files: readonly WorkspaceFile[];
  tests: TestResults;
  testOutput: { model: string; reference: string };
  corruption: AgentEvidence['corruption'];
  /** The containment hook's refusals. */
  hookRefusals: readonly HookRefusal[];
  ending: AgentEvidence['ending'];
  wallMs: number;
  timeLimitMs: number;
  mapToolName: ToolNameMapper;
}

/** Model exchanges only: housekeeping, token counts and health checks are not the model's turns. */
export function modelExchanges(exchanges: readonly ExchangeRecord[]): ExchangeRecord[] {
  return exchanges.filter((e) => e.kind === 'model');
}

/** Tool names offered in a request body. */
export function offeredToolNames(body: unknown): string[] {
  if (!isRecord(body) || !Array.isArray(body.tools)) return [];
  return (body.tools as ToolDefinition[]).map((t) => t.name).filter((n): n is string => typeof n === 'string');
}

/** tool_use_id → result, from the tool_result blocks Claude Code sent in later requests. */
function resultsFromRequests(exchanges: readonly ExchangeRecord[]): Map<string, { isError: boolean; text: string }> {
  const results = new Map<string, { isError: boolean; text: string }>();
  for (const exchange of exchanges) {
    const body = exchange.request.body;
    if (!isRecord(body) || !Array.isArray(body.messages)) continue;
    for (const message of body.messages as MessageParam[]) {
      if (!Array.isArray(message.content)) continue;
      for (const block of message.content) {
        if (block.type === 'tool_result')
          results.set(block.tool_use_id, { isError: block.is_error === true, text: toolResultText(block.content) });
      }
    }
  }
  return results;
}

/** The file a call writes: its effective tool is a file-writing one and an input field names it. */
export function writeTargetOf(effectiveName: string, input: unknown, workspace: string): AgentToolCall['writeTarget'] {
  if (!fileWritingTools.includes(effectiveName) || !isRecord(input)) return null;
  for (const field of targetFields) {
    const value = input[field];
    if (typeof value === 'string' && value.trim() !== '') {
      const relative = path.relative(workspace, path.resolve(workspace, value));
      const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
      // Inside: relative to the workspace (what a reader needs); outside: as the model wrote it.
      return { path: inside ? relative.split(path.sep).join('/') : value, insideWorkspace: inside };
    }
  }
  return null;
}

function compileArtifactPatterns(artifacts: readonly TaskArtifact[]): RegExp[] {
  return artifacts.flatMap((a) => a.recognise.map((source) => new RegExp(source, 'm')));
}

/** Whether a call aims at the task's files: names one, or carries code one of them would hold. */
export function targetsArtifact(effectiveName: string, input: unknown, artifacts: readonly TaskArtifact[]): boolean {
  if (readOnlyTools.includes(effectiveName)) return false;
  const json = JSON.stringify(input) ?? '';
  if (artifacts.some((a) => json.includes(a.file))) return true;
  const strings = isRecord(input) ? Object.values(input).filter((v): v is string => typeof v === 'string') : [];
  const patterns = compileArtifactPatterns(artifacts);
  return strings.some((s) => patterns.some((re) => re.test(s)));
}

/** The role a workspace file plays for the task, by name first, then by content (test wins). */
export function artifactRole(file: WorkspaceFile, artifacts: readonly TaskArtifact[]): string | null {
  if (!file.path.endsWith('.py')) return null;
  const base = path.posix.basename(file.path);
  const named = artifacts.find((a) => a.file === base);
  if (named !== undefined) return named.role;
  for (const role of ['test', 'implementation']) {
    const patterns = compileArtifactPatterns(artifacts.filter((a) => a.role === role));
    if (patterns.some((re) => re.test(file.content))) return role;
  }
  return null;
}

/**
 * Whether Claude Code saw the call as a tool call (and so ran it, or refused it by permission):
 * an offered tool_use, or any call the rescue rewrote. A call written as text that was not lifted
 * into a tool_use never reached the CLI's tools.
 */
function reachedClaudeCode(record: ToolCallRecord): boolean {
  if (record.rescued !== undefined) return true;
  return record.text === undefined && record.offered;
}

function toAgentCall(
  record: ToolCallRecord,
  turn: number,
  exchangeId: string,
  offered: readonly string[],
  results: Map<string, { isError: boolean; text: string }>,
  input: EvidenceInput,
): AgentToolCall {
  const mapsTo = record.offered ? null : input.mapToolName(record.name, offered);
  const effectiveName = record.rescued?.name ?? (record.offered ? record.name : (mapsTo ?? record.name));
  const effectiveInput = record.rescued?.input ?? record.input;
  return {
    turn,
    exchangeId,
    id: record.id,
    text: record.text ?? null,
    name: record.name,
    input: record.input,
    offered: record.offered,
    mapsTo,
    validation: record.validation,
    rescued: record.rescued ?? null,
    result: results.get(record.id) ?? null,
    targetsArtifact: targetsArtifact(effectiveName, record.input, input.task.artifacts),
    writeTarget: reachedClaudeCode(record) ? writeTargetOf(effectiveName, effectiveInput, input.workspace) : null,
  };
}

function pytestRuns(calls: readonly AgentToolCall[]): AgentPytestRun[] {
  const runs: AgentPytestRun[] = [];
  for (const call of calls) {
    const name = call.rescued?.name ?? call.name;
    const input = call.rescued?.input ?? call.input;
    if (name !== 'Bash' || !isRecord(input) || typeof input.command !== 'string') continue;
    if (!/\bpytest\b/.test(input.command) || call.result === null) continue;
    runs.push({
      turn: call.turn,
      toolUseId: call.id,
      command: input.command,
      output: call.result.text,
      isError: call.result.isError,
    });
  }
  return runs;
}

type Block = NonNullable<ExchangeRecord['response']>['content'][number];
const blocksOf = (exchange: ExchangeRecord): Block[] => exchange.response?.content ?? [];
const hasText = (b: Block): boolean => b.type === 'text' && b.text.trim() !== '';
const hasThinking = (b: Block): boolean => b.type === 'thinking' && b.thinking.trim() !== '';

/** Turns that ended with no content at all: no text, no reasoning, no tool call, no error. */
function emptyTurns(models: readonly ExchangeRecord[]): number[] {
  return models.flatMap((e, turn) =>
    e.error === null && e.toolCalls.length === 0 && !blocksOf(e).some((b) => hasText(b) || hasThinking(b))
      ? [turn]
      : [],
  );
}

/**
 * Turns whose output stayed inside reasoning: only thinking came back (the server's reasoning
 * parser never saw the end of it), or the text opens a think block it never closes.
 */
function unclosedReasoning(models: readonly ExchangeRecord[]): AgentEvidence['unclosedReasoning'] {
  return models.flatMap((e, turn) => {
    const blocks = blocksOf(e);
    const thinking = blocks.filter(hasThinking).map((b) => (b.type === 'thinking' ? b.thinking : ''));
    const text = textsOf(e).join('');
    const onlyThinking = thinking.length > 0 && !blocks.some(hasText) && e.toolCalls.length === 0;
    const openTag = /<think>(?![\s\S]*<\/think>)/.exec(text);
    if (onlyThinking) return [{ turn, exchangeId: e.id, text: thinking.join('') }];
    if (openTag !== null) return [{ turn, exchangeId: e.id, text: text.slice(openTag.index) }];
    return [];
  });
}

/** The loop the proxy recorded (the longest count), with the run time when it was stopped. */
function loopOf(models: readonly ExchangeRecord[]): AgentEvidence['loop'] {
  const looped = models.filter((e) => e.loop !== undefined && e.loop !== null);
  const last = looped.at(-1);
  if (last?.loop === undefined || last.loop === null) return null;
  const start = Date.parse(models[0]?.startedAt ?? last.startedAt);
  return { ...last.loop, stoppedAtMs: last.loop.stopped ? Date.parse(last.startedAt) - start : null };
}

function textsOf(exchange: ExchangeRecord): string[] {
  return (exchange.response?.content ?? [])
    .filter((b) => b.type === 'text')
    .map((b) => (b.type === 'text' ? b.text : ''));
}

/** Assemble the evidence of one run. */
export function collectAgentEvidence(input: EvidenceInput): AgentEvidence {
  const models = modelExchanges(input.exchanges);
  const offered = models.length > 0 ? offeredToolNames(models[0]?.request.body) : (input.stream.init?.tools ?? []);
  const results = resultsFromRequests(input.exchanges);
  // The stream sees results of the last turn too (no later request carries them).
  for (const r of input.stream.toolResults) results.set(r.toolUseId, { isError: r.isError, text: r.text });

  const turns: AgentTurn[] = models.map((e, turn) => ({
    turn,
    exchangeId: e.id,
    stopReason: e.stopReason,
    ttftMs: e.timings.ttftMs,
    decodeTokensPerSec: e.timings.decodeTokensPerSec,
    outputTokens: e.usage.outputTokens,
    error: e.error === null ? null : `${e.error.status} ${e.error.type}: ${e.error.message}`,
  }));
  const toolCalls = models.flatMap((e, turn) =>
    e.toolCalls.map((c) => toAgentCall(c, turn, e.id, offered, results, input)),
  );
  const found = new Set(
    input.files.map((f) => artifactRole(f, input.task.artifacts)).filter((r): r is string => r !== null),
  );
  return {
    taskId: input.task.id,
    rescue: input.rescue,
    offeredTools: offered,
    turns,
    toolCalls,
    texts: models.flatMap((e, turn) =>
      textsOf(e)
        .filter((t) => t.trim() !== '')
        .map((text) => ({ turn, exchangeId: e.id, text })),
    ),
    artifactsExpected: input.task.artifacts.map((a) => ({ role: a.role, file: a.file })),
    artifactsFound: input.task.artifacts
      .map((a) => a.role)
      .filter((role, i, all) => found.has(role) && all.indexOf(role) === i),
    workspaceFiles: input.files.map((f) => f.path).sort(),
    pytestRuns: pytestRuns(toolCalls),
    leakedTokens: models.flatMap((e, turn) => e.leakedTokens.map((text) => ({ turn, text }))),
    emptyTurns: emptyTurns(models),
    unclosedReasoning: unclosedReasoning(models),
    reasoningTurns: models.filter((e) => (e.reasoningChars ?? 0) > 0 || blocksOf(e).some(hasThinking)).length,
    loop: loopOf(models),
    timeLimitMs: input.timeLimitMs,
    corruption: input.corruption,
    tests: input.tests,
    testOutput: input.testOutput,
    securityEvents: collectSecurityEvents({
      hookRefusals: input.hookRefusals,
      denials: input.stream.permissionDenials,
      calls: toolCalls,
    }),
    ending: input.ending,
    wallMs: input.wallMs,
  };
}
