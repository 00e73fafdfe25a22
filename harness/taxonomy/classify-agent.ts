/**
 * The agent-mode classifier: evidence of one Claude Code run → level 1–6 and the evidence that
 * decided it. Pure.
 *
 * A run whose model tests and hidden reference tests all pass is level 6, whatever went wrong on
 * the way (those mistakes are kept as protocol errors with who repaired them) — unless its output
 * is corrupted (leaked template tokens, typos), which makes it level 5. Otherwise the most
 * fundamental failure that was not recovered decides, checked in this order:
 *   2 tool hallucination — called tools that are not offered and map to none that is, and never
 *     did the task with the real ones; or, having attempted nothing, claimed a capability it
 *     lacks ("I cannot perform web searches"). Checked before 1 because it explains the failure
 *     to attempt (the experiment's gemma4 8B run).
 *   1 task comprehension — never attempted the task's files (a memory file, prose, nothing).
 *   3 tool name mismatch — an unoffered name that maps to an offered tool (write_file → Write).
 *   4 parameter name mismatch — an offered tool with arguments that violate its schema.
 *   5 output corruption — the files came through valid calls, but tests fail or output is
 *     corrupted (typos, leaked template tokens, truncation).
 */
import type { Classification, Evidence, Level, ProtocolError } from '../core/run.ts';
import { labelForLevel } from '../core/run.ts';
import type { AgentEvidence, AgentToolCall } from './agent-evidence.ts';

const QUOTE_CHARS = 200;

/** Phrases of a model declaring it lacks an ability (matched in its own text). */
const capabilityDenials: readonly RegExp[] = [
  /\bI (?:cannot|can't|can not|am unable to|am not able to) (?:perform|do|run|execute|access|browse|search|use|create|write)\b[^.!?\n]*/i,
  /\bI (?:do not|don't) have (?:access to|the ability to|any way to)\b[^.!?\n]*/i,
];

/** A protocol error with the call it came from. */
export interface AgentProtocolError extends ProtocolError {
  callId: string;
  turn: number;
  /** What Claude Code answered, verbatim (shortened). */
  feedback: string | null;
}

function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > QUOTE_CHARS ? `${flat.slice(0, QUOTE_CHARS - 1)}…` : flat;
}

const succeeded = (call: AgentToolCall): boolean => call.result !== null && !call.result.isError;
const isValidOffered = (call: AgentToolCall): boolean => call.offered && call.validation.kind === 'valid';

function protocolKind(call: AgentToolCall): ProtocolError['kind'] | null {
  if (!call.offered) return call.mapsTo === null ? 'tool_hallucination' : 'tool_name_mismatch';
  if (call.validation.kind === 'schema_violation') return 'param_name_mismatch';
  if (call.validation.kind === 'unparseable') return 'unparseable_tool_input';
  return null;
}

function repairedBy(
  call: AgentToolCall,
  kind: ProtocolError['kind'],
  calls: readonly AgentToolCall[],
): ProtocolError['repairedBy'] {
  if (call.rescued !== null && succeeded(call)) return 'proxy_rescue';
  // Claude Code accepted the call as sent (it reads Write's `path` as `file_path`).
  if (call.offered && call.rescued === null && succeeded(call)) return 'claude_code';
  const later = calls.filter((c) => c.turn > call.turn && isValidOffered(c) && succeeded(c));
  if (kind === 'tool_hallucination') {
    // Recovered when the task was done with the real tools at all, before or after.
    return calls.some((c) => c.targetsArtifact && isValidOffered(c) && succeeded(c)) ? 'model_retry' : null;
  }
  const intended = kind === 'tool_name_mismatch' ? call.mapsTo : call.name;
  return later.some((c) => c.name === intended) ? 'model_retry' : null;
}

/** Every tool call that broke the protocol, with who (if anyone) repaired it. */
export function agentProtocolErrors(evidence: AgentEvidence): AgentProtocolError[] {
  const errors: AgentProtocolError[] = [];
  for (const call of evidence.toolCalls) {
    const kind = protocolKind(call);
    if (kind === null) continue;
    errors.push({
      kind,
      call: { name: call.name, input: call.input },
      repairedBy: repairedBy(call, kind, evidence.toolCalls),
      callId: call.id,
      turn: call.turn,
      feedback: call.result === null ? null : quote(call.result.text),
    });
  }
  return errors;
}

/** True when the model's and the reference tests exist and all pass. */
export function testsAllPass(evidence: Pick<AgentEvidence, 'tests'>): boolean {
  const { model, reference } = evidence.tests;
  return model.total > 0 && model.passed === model.total && reference.total > 0 && reference.passed === reference.total;
}

function testsEvidence(evidence: AgentEvidence): Evidence {
  const { model, reference } = evidence.tests;
  return {
    kind: 'tests',
    quote: `model tests ${model.passed}/${model.total}, reference tests ${reference.passed}/${reference.total}`,
    shows: testsAllPass(evidence) ? 'every test passes' : 'the tests do not all pass',
    source: 'pytest',
  };
}

function describeCall(call: { name: string; input: unknown }): string {
  return quote(`${call.name} ${JSON.stringify(call.input) ?? ''}`);
}

function protocolEvidence(error: AgentProtocolError, calls: readonly AgentToolCall[]): Evidence[] {
  const call = calls.find((c) => c.id === error.callId && c.turn === error.turn);
  const shows: Record<ProtocolError['kind'], string> = {
    tool_hallucination: 'called a tool that is not offered and maps to no offered tool',
    tool_name_mismatch: `called ${error.call.name}, not offered; it maps to ${call?.mapsTo ?? 'an offered tool'}`,
    param_name_mismatch: `called ${error.call.name} with arguments that violate its schema${schemaDetail(call)}`,
    unparseable_tool_input: 'sent tool arguments that are not a JSON object',
  };
  const repaired = error.repairedBy === null ? '' : ` (repaired by ${error.repairedBy})`;
  const items: Evidence[] = [
    {
      kind: error.kind,
      quote: describeCall(error.call),
      shows: `${shows[error.kind]}${repaired}`,
      source: call?.exchangeId,
    },
  ];
  if (error.feedback !== null) {
    const isError = call?.result?.isError ?? true;
    items.push({
      kind: isError ? 'tool_error' : 'tool_result',
      quote: error.feedback,
      shows: isError ? 'what Claude Code answered' : 'what Claude Code answered to the repaired call',
      source: call?.exchangeId,
    });
  }
  return items;
}

function schemaDetail(call: AgentToolCall | undefined): string {
  if (call === undefined || call.validation.kind !== 'schema_violation') return '';
  const parts: string[] = [];
  if (call.validation.missing.length > 0) parts.push(`missing ${call.validation.missing.join(', ')}`);
  if (call.validation.unexpected.length > 0) parts.push(`unexpected ${call.validation.unexpected.join(', ')}`);
  return parts.length === 0 ? '' : ` (${parts.join('; ')})`;
}

function denialQuotes(evidence: AgentEvidence): Evidence[] {
  const found: Evidence[] = [];
  for (const text of evidence.texts) {
    for (const pattern of capabilityDenials) {
      const match = pattern.exec(text.text);
      if (match) {
        found.push({
          kind: 'model_text',
          quote: quote(match[0]),
          shows: 'the model declares a capability it does not have',
          source: text.exchangeId,
        });
        break;
      }
    }
  }
  return found;
}

function firstTextQuote(evidence: AgentEvidence): Evidence[] {
  const text = evidence.texts.find((t) => t.text.trim() !== '');
  return text === undefined
    ? []
    : [{ kind: 'model_text', quote: quote(text.text), shows: 'what the model said instead', source: text.exchangeId }];
}

function classification(level: Level, deciding: Evidence[]): Classification {
  return { level, label: labelForLevel[level], deciding };
}

/** Classify one agent run from its evidence. */
export function classifyAgent(evidence: AgentEvidence): Classification {
  const errors = agentProtocolErrors(evidence);
  const calls = evidence.toolCalls;
  if (testsAllPass(evidence)) {
    // Passing tests do not excuse corrupted output: leaked template tokens or typos keep it at 5.
    const corrupted = evidence.leakedTokens.length > 0 || evidence.corruption.length > 0;
    if (corrupted) return classification(5, corruptionEvidence(evidence, []));
    return classification(6, [testsEvidence(evidence), ...errors.flatMap((e) => protocolEvidence(e, calls))]);
  }
  const unrecovered = errors.filter((e) => e.repairedBy === null);
  const attempted = calls.some((c) => c.targetsArtifact) || evidence.artifactsFound.length > 0;

  const hallucinated = unrecovered.filter((e) => e.kind === 'tool_hallucination');
  const denials = attempted ? [] : denialQuotes(evidence);
  if (hallucinated.length > 0 || denials.length > 0) {
    return classification(2, [...hallucinated.flatMap((e) => protocolEvidence(e, calls)), ...denials]);
  }

  if (!attempted) {
    const expected = evidence.artifactsExpected.map((a) => a.file).join(', ');
    const written = calls.filter((c) => c.writeTarget !== null && succeeded(c)).map((c) => c.writeTarget?.path ?? '');
    const deciding: Evidence[] = [
      {
        kind: 'no_attempt',
        quote:
          written.length > 0
            ? `wrote ${written.join(', ')}`
            : calls.length > 0
              ? `called ${[...new Set(calls.map((c) => c.name))].join(', ')}`
              : 'no tool call',
        shows: `no tool call aimed at the task's files (${expected}); the model did something else`,
      },
      ...firstTextQuote(evidence),
    ];
    return classification(1, deciding);
  }

  const names = unrecovered.filter((e) => e.kind === 'tool_name_mismatch');
  if (names.length > 0)
    return classification(
      3,
      names.flatMap((e) => protocolEvidence(e, calls)),
    );

  const params = unrecovered.filter((e) => e.kind === 'param_name_mismatch');
  if (params.length > 0)
    return classification(
      4,
      params.flatMap((e) => protocolEvidence(e, calls)),
    );

  return classification(5, corruptionEvidence(evidence, unrecovered));
}

function corruptionEvidence(evidence: AgentEvidence, unrecovered: readonly AgentProtocolError[]): Evidence[] {
  // A corrupted line (a stuttered class name, a leaked token) explains the failing tests, so it
  // comes first and decides; the test counts follow.
  const items: Evidence[] = [];
  for (const c of evidence.corruption.slice(0, 5))
    items.push({ kind: c.kind, quote: quote(c.quote), shows: 'corrupted output in a written file', source: c.file });
  for (const leak of evidence.leakedTokens.slice(0, 3))
    items.push({
      kind: 'leaked_tokens',
      quote: quote(leak.text),
      shows: 'template tokens leaked into the output',
      source: `turn ${leak.turn}`,
    });
  items.push(testsEvidence(evidence));
  const missing = evidence.artifactsExpected.filter((a) => !evidence.artifactsFound.includes(a.role));
  if (missing.length > 0) {
    items.push({
      kind: 'missing_files',
      quote: `workspace: ${evidence.workspaceFiles.join(', ') || 'empty'}`,
      shows: `no ${missing.map((a) => `${a.role} (${a.file})`).join(' or ')} after the run`,
    });
  }
  for (const output of [evidence.testOutput.model, evidence.testOutput.reference]) {
    if (output.trim() !== '')
      items.push({ kind: 'pytest_output', quote: quote(output), shows: 'what failed', source: 'pytest' });
  }
  for (const turn of evidence.turns.filter((t) => t.stopReason === 'max_tokens')) {
    items.push({
      kind: 'truncation',
      quote: `stop_reason: max_tokens (turn ${turn.turn})`,
      shows: 'the model ran out of output tokens',
      source: turn.exchangeId,
    });
  }
  for (const error of unrecovered.filter((e) => e.kind === 'unparseable_tool_input'))
    items.push(...protocolEvidence(error, evidence.toolCalls));
  return items;
}
