/**
 * The FastAPI smoke checklist of an agent run (the five things a working local setup shows):
 * files read and written in the workspace, pytest really run, a failure patched, no template
 * tokens, no truncation after the first edit. Pure.
 */
import type { SmokeChecks } from '../core/run.ts';
import type { AgentEvidence, AgentPytestRun, AgentToolCall } from './agent-evidence.ts';

/** Lines only real pytest prints: the session header, the summary, the collection count. */
const pytestOutputPatterns: readonly RegExp[] = [
  /=+ test session starts =+/,
  /\b\d+ (?:passed|failed|errors?|skipped)\b.* in \d+(?:\.\d+)?s\b/,
  /\bno tests ran in \d+(?:\.\d+)?s\b/,
  /^collected \d+ items?/m,
];

const missingFilePatterns: readonly RegExp[] = [/does not exist/i, /no such file or directory/i, /file not found/i];

/** Real pytest output, not a model's claim or an error before pytest started. */
export function isRealPytestOutput(output: string): boolean {
  return pytestOutputPatterns.some((pattern) => pattern.test(output));
}

/** A pytest run that reported failures or errors, or exited non-zero. */
export function pytestRunFailed(run: AgentPytestRun): boolean {
  return run.isError || /\b\d+ (?:failed|errors?)\b/.test(run.output) || /\bno tests ran\b/.test(run.output);
}

const succeeded = (call: AgentToolCall): boolean => call.result !== null && !call.result.isError;

/** Calls that wrote a file and were carried out. */
function writes(evidence: AgentEvidence): AgentToolCall[] {
  return evidence.toolCalls.filter((c) => c.writeTarget !== null && succeeded(c));
}

function filesInWorkspace(evidence: AgentEvidence): boolean {
  const written = writes(evidence);
  const everyTargetInside = evidence.toolCalls.every((c) => c.writeTarget === null || c.writeTarget.insideWorkspace);
  const noMissingPaths = evidence.toolCalls.every(
    (c) => c.result === null || !c.result.isError || !missingFilePatterns.some((p) => p.test(c.result?.text ?? '')),
  );
  return (
    written.some((c) => c.writeTarget?.insideWorkspace === true) &&
    everyTargetInside &&
    noMissingPaths &&
    evidence.securityEvents.length === 0
  );
}

function failurePatched(evidence: AgentEvidence): boolean {
  const runs = evidence.pytestRuns.filter((r) => isRealPytestOutput(r.output));
  const firstFailure = runs.find(pytestRunFailed);
  if (firstFailure === undefined) return true;
  const patch = writes(evidence).find((c) => c.turn > firstFailure.turn);
  if (patch === undefined) return false;
  return runs.some((r) => r.turn > patch.turn && !pytestRunFailed(r));
}

function noTruncation(evidence: AgentEvidence): boolean {
  const firstWrite = Math.min(...writes(evidence).map((c) => c.turn));
  // Without any edit the whole run counts.
  const from = Number.isFinite(firstWrite) ? firstWrite : 0;
  const cut = evidence.turns.some((t) => t.turn >= from && t.stopReason === 'max_tokens');
  const broken = evidence.toolCalls.some((c) => c.turn >= from && c.validation.kind === 'unparseable');
  return !cut && !broken;
}

/** The five smoke checks of one agent run. */
export function smokeChecks(evidence: AgentEvidence): SmokeChecks {
  return {
    filesInWorkspace: filesInWorkspace(evidence),
    pytestRan: evidence.pytestRuns.some((r) => isRealPytestOutput(r.output)),
    failurePatched: failurePatched(evidence),
    noTemplateTokens: evidence.leakedTokens.length === 0,
    noTruncation: noTruncation(evidence),
  };
}
