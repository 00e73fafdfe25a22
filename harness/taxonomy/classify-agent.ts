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
 *     corrupted (typos, leaked template tokens, truncation); or the model chose the right tool
 *     with the right arguments but wrote the call as text, or the output limit cut the call.
 * A tool call written as text is judged like a structured one (its name and arguments decide 2,
 * 3 or 4) and counts as an attempt at the task's files when it aims at them: never level 1.
 * A loop the proxy stopped leads the evidence (it is why the run ended); one it only recorded follows
 * the evidence of the kind. Either way the level comes from what the model looped on.
 */
import { quote } from '../core/quote.ts';
import type { Classification, Evidence, FailureKindOf, ProtocolError } from '../core/run.ts';
import { classified } from '../core/run.ts';
import type { AgentEvidence, AgentToolCall } from './agent-evidence.ts';

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

const succeeded = (call: AgentToolCall): boolean => call.result !== null && !call.result.isError;
const isValidOffered = (call: AgentToolCall): boolean =>
  call.text === null && call.offered && call.validation.kind === 'valid';

/** What is wrong with a call's name or arguments, judged the same for tool_use blocks and text. */
function callProblem(call: AgentToolCall): ProtocolError['kind'] | null {
  if (!call.offered) return call.mapsTo === null ? 'tool_hallucination' : 'tool_name_mismatch';
  const kinds: Partial<Record<AgentToolCall['validation']['kind'], ProtocolError['kind']>> = {
    schema_violation: 'param_name_mismatch',
    argument_type: 'argument_type',
    double_encoded: 'argument_type',
    unparseable: 'unparseable_tool_input',
    truncated: 'truncated_tool_call',
  };
  return kinds[call.validation.kind] ?? null;
}

function repairedBy(
  call: AgentToolCall,
  kind: ProtocolError['kind'],
  calls: readonly AgentToolCall[],
): ProtocolError['repairedBy'] {
  if (call.rescued !== null && succeeded(call)) return 'proxy_rescue';
  // Claude Code accepted the call as sent (it reads Write's `path` as `file_path`).
  if (call.text === null && call.offered && call.rescued === null && succeeded(call)) return 'claude_code';
  if (kind === 'tool_hallucination') {
    // Recovered when the task was done with the real tools at all, before or after.
    return calls.some((c) => c.targetsArtifact && isValidOffered(c) && succeeded(c)) ? 'model_retry' : null;
  }
  const intended = kind === 'tool_name_mismatch' ? call.mapsTo : (call.mapsTo ?? call.name);
  const later = calls.filter((c) => c.turn > call.turn && isValidOffered(c) && succeeded(c));
  return later.some((c) => c.name === intended) ? 'model_retry' : null;
}

function protocolError(
  call: AgentToolCall,
  kind: ProtocolError['kind'],
  calls: readonly AgentToolCall[],
): AgentProtocolError {
  return {
    kind,
    call: { name: call.name, input: call.input },
    ...(call.text === null ? {} : { text: { format: call.text.format, verbatim: call.text.verbatim } }),
    repairedBy: repairedBy(call, kind, calls),
    callId: call.id,
    turn: call.turn,
    feedback: call.result === null ? null : quote(call.result.text),
  };
}

/**
 * Every tool call that broke the protocol, with who (if anyone) repaired it. A call written as
 * text is a `text_tool_call`, plus whatever is wrong with its name or arguments.
 */
export function agentProtocolErrors(evidence: AgentEvidence): AgentProtocolError[] {
  return evidence.toolCalls.flatMap((call) => {
    const kinds = [call.text === null ? null : 'text_tool_call', callProblem(call)].filter(
      (k): k is ProtocolError['kind'] => k !== null,
    );
    return kinds.map((kind) => protocolError(call, kind, evidence.toolCalls));
  });
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

function schemaDetail(call: AgentToolCall | undefined): string {
  const validation = call?.validation;
  if (validation?.kind === 'argument_type') {
    return ` (${validation.fields.map((f) => `${f.name}: ${f.got} for ${f.expected}`).join('; ')})`;
  }
  if (validation?.kind === 'double_encoded') return ' (the arguments are a JSON string holding the object)';
  if (validation?.kind !== 'schema_violation') return '';
  const parts: string[] = [];
  if (validation.missing.length > 0) parts.push(`missing ${validation.missing.join(', ')}`);
  if (validation.unexpected.length > 0) parts.push(`unexpected ${validation.unexpected.join(', ')}`);
  return parts.length === 0 ? '' : ` (${parts.join('; ')})`;
}

function whatItShows(error: AgentProtocolError, call: AgentToolCall | undefined): string {
  const where = call?.text?.in === 'reasoning' ? ' inside its reasoning' : '';
  const shows: Record<ProtocolError['kind'], string> = {
    tool_hallucination: 'called a tool that is not offered and maps to no offered tool',
    tool_name_mismatch: `called ${error.call.name}, not offered; it maps to ${call?.mapsTo ?? 'an offered tool'}`,
    param_name_mismatch: `called ${error.call.name} with arguments that violate its schema${schemaDetail(call)}`,
    argument_type: `called ${error.call.name} with arguments of the wrong type${schemaDetail(call)}`,
    unparseable_tool_input: 'sent tool arguments that are not a JSON object',
    text_tool_call: `tool call written as text${where} (${call?.text?.format ?? 'text'}): ${describeCall(error.call)}`,
    truncated_tool_call: 'the output limit cut the tool call before its arguments were complete',
  };
  return shows[error.kind];
}

function protocolEvidence(error: AgentProtocolError, calls: readonly AgentToolCall[]): Evidence[] {
  const call = calls.find((c) => c.id === error.callId && c.turn === error.turn);
  const repaired = error.repairedBy === null ? '' : ` (repaired by ${error.repairedBy})`;
  const said = error.text === undefined ? describeCall(error.call) : quote(error.text.verbatim);
  const items: Evidence[] = [
    { kind: error.kind, quote: said, shows: `${whatItShows(error, call)}${repaired}`, source: call?.exchangeId },
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

function denialQuotes(evidence: AgentEvidence): Evidence[] {
  const found: Evidence[] = [];
  for (const text of evidence.texts) {
    const match = capabilityDenials.map((pattern) => pattern.exec(text.text)).find((m) => m !== null);
    if (match) {
      found.push({
        kind: 'capability_denial',
        quote: quote(match[0]),
        shows: 'the model declares a capability it does not have',
        source: text.exchangeId,
      });
    }
  }
  return found;
}

function loopEvidence(evidence: AgentEvidence): Evidence[] {
  const loop = evidence.loop;
  if (loop === null) return [];
  const what = { call: 'the same tool call', text: 'the same text', stream: 'the same line in one reply' }[loop.what];
  const saved =
    loop.stopped && loop.stoppedAtMs !== null
      ? `; stopped at ${(loop.stoppedAtMs / 1000).toFixed(0)} s, up to ${((evidence.timeLimitMs - loop.stoppedAtMs) / 1000).toFixed(0)} s of the time limit saved`
      : '';
  return [{ kind: 'loop', quote: quote(loop.signature), shows: `${what} ${loop.count} times in a row${saved}` }];
}

type Decision = { problems: readonly AgentProtocolError[]; calls: readonly AgentToolCall[] };
const evidenceOf = ({ problems, calls }: Decision): Evidence[] => problems.flatMap((e) => protocolEvidence(e, calls));

/** Classify one agent run from its evidence. */
export function classifyAgent(evidence: AgentEvidence): Classification {
  const verdict = classifyWithoutLoop(evidence);
  const loop = loopEvidence(evidence);
  if (loop.length === 0) return verdict;
  const deciding = evidence.loop?.stopped === true ? [...loop, ...verdict.deciding] : [...verdict.deciding, ...loop];
  return { ...verdict, deciding };
}

function classifyWithoutLoop(evidence: AgentEvidence): Classification {
  const errors = agentProtocolErrors(evidence);
  const calls = evidence.toolCalls;
  if (testsAllPass(evidence)) return passingVerdict(evidence, errors);
  const unrecovered = errors.filter((e) => e.repairedBy === null);
  const attempted = calls.some((c) => c.targetsArtifact) || evidence.artifactsFound.length > 0;
  const of = (...kinds: ProtocolError['kind'][]) => ({
    problems: unrecovered.filter((e) => kinds.includes(e.kind)),
    calls,
  });

  const hallucinated = of('tool_hallucination');
  const denials = attempted ? [] : denialQuotes(evidence);
  if (hallucinated.problems.length > 0) return classified(2, 'unknown_tool', [...evidenceOf(hallucinated), ...denials]);
  if (denials.length > 0) return classified(2, 'capability_denial', denials);
  if (!attempted) return noAttempt(evidence);

  const names = of('tool_name_mismatch');
  if (names.problems.length > 0) return classified(3, 'tool_name', evidenceOf(names));
  const params = of('param_name_mismatch');
  if (params.problems.length > 0) return classified(4, 'param_name', evidenceOf(params));
  const types = of('argument_type');
  if (types.problems.length > 0) return classified(4, 'argument_type', evidenceOf(types));

  const format = of('text_tool_call', 'truncated_tool_call', 'unparseable_tool_input');
  const first = format.problems[0];
  if (first !== undefined) {
    const kind: FailureKindOf<5> =
      first.kind === 'text_tool_call'
        ? 'text_tool_call'
        : first.kind === 'truncated_tool_call'
          ? 'truncated_tool_call'
          : 'unparseable_tool_input';
    return classified(5, kind, [...evidenceOf(format), ...corruptionEvidence(evidence).evidence]);
  }
  const corruption = corruptionEvidence(evidence);
  return classified(5, corruption.kind, corruption.evidence);
}

function passingVerdict(evidence: AgentEvidence, errors: readonly AgentProtocolError[]): Classification {
  // Passing tests do not excuse corrupted output: leaked template tokens or typos keep it at 5.
  if (evidence.leakedTokens.length > 0 || evidence.corruption.length > 0) {
    const corruption = corruptionEvidence(evidence);
    return classified(5, corruption.kind, corruption.evidence);
  }
  return classified(6, 'success', [
    testsEvidence(evidence),
    ...errors.flatMap((e) => protocolEvidence(e, evidence.toolCalls)),
  ]);
}

/** Level 1: nothing aimed at the task's files. The kind says what came instead. */
function noAttempt(evidence: AgentEvidence): Classification {
  const calls = evidence.toolCalls;
  const expected = evidence.artifactsExpected.map((a) => a.file).join(', ');
  const written = calls.filter((c) => c.writeTarget !== null && succeeded(c)).map((c) => c.writeTarget?.path ?? '');
  const names = [...new Set(calls.map((c) => c.name))].join(', ');
  const text = evidence.texts.find((t) => t.text.trim() !== '');
  const saidInstead: Evidence[] =
    text === undefined
      ? []
      : [
          {
            kind: 'model_text',
            quote: quote(text.text),
            shows: 'what the model said instead',
            source: text.exchangeId,
          },
        ];
  if (calls.length === 0 && text === undefined) return silentVerdict(evidence, expected);
  const deciding: Evidence = {
    kind: 'no_attempt',
    quote: written.length > 0 ? `wrote ${written.join(', ')}` : calls.length > 0 ? `called ${names}` : 'no tool call',
    shows: `no tool call aimed at the task's files (${expected}); the model did something else`,
  };
  return classified(1, calls.length === 0 ? 'prose_only' : 'off_task', [deciding, ...saidInstead]);
}

/** Level 1 with nothing said: an empty reply, or reasoning that never closed. */
function silentVerdict(evidence: AgentEvidence, expected: string): Classification {
  const unclosed = evidence.unclosedReasoning[0];
  if (unclosed !== undefined) {
    return classified(1, 'thinking_only', [
      {
        kind: 'unclosed_reasoning',
        quote: quote(unclosed.text),
        shows: `all output stayed inside reasoning that never closed; nothing aimed at ${expected}`,
        source: unclosed.exchangeId,
      },
    ]);
  }
  const turn = evidence.turns[evidence.emptyTurns[0] ?? 0];
  const stop = turn?.stopReason ?? 'none';
  return classified(1, 'empty_reply', [
    {
      kind: 'empty_reply',
      quote: `stop_reason ${stop}, ${turn?.outputTokens ?? 0} output tokens`,
      shows: `the model's turn ended with no content; nothing aimed at ${expected}`,
      source: turn?.exchangeId,
    },
  ]);
}

/** The corruption that explains failing tests (first, deciding), then the test counts and output. */
function corruptionEvidence(evidence: AgentEvidence): { kind: FailureKindOf<5>; evidence: Evidence[] } {
  const items: Evidence[] = [];
  for (const c of evidence.corruption.slice(0, 5)) {
    items.push({
      kind: c.kind,
      quote: quote(c.quote),
      shows: 'corrupted output in a written file',
      source: c.file,
    });
  }
  for (const leak of evidence.leakedTokens.slice(0, 3)) {
    items.push({
      kind: 'leaked_tokens',
      quote: quote(leak.text),
      shows: 'template tokens leaked into the output',
      source: `turn ${leak.turn}`,
    });
  }
  const kind = corruptionKind(items, evidence);
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
  return { kind, evidence: items };
}

function corruptionKind(corruption: readonly Evidence[], evidence: AgentEvidence): FailureKindOf<5> {
  const first = corruption[0]?.kind;
  if (first === 'identifier_typo') return 'identifier_typo';
  if (first === 'leaked_tokens') return 'leaked_tokens';
  if (first === 'truncation') return 'truncated_output';
  const missing = evidence.artifactsExpected.some((a) => !evidence.artifactsFound.includes(a.role));
  return missing ? 'missing_files' : 'tests_fail';
}
