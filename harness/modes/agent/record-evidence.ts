/** The evidence list of an agent RunRecord beyond what decided the level. Pure. */

import { quote as short } from '../../core/quote.ts';
import type { Classification, Evidence, ProtocolError } from '../../core/run.ts';
import type { AgentEvidence } from '../../taxonomy/agent-evidence.ts';
import { agentProtocolErrors } from '../../taxonomy/classify-agent.ts';
import { isRealPytestOutput } from '../../taxonomy/smoke-checks.ts';

const MAX_SUPPORTING = 12;

/** Protocol errors in the RunRecord's shape. */
export function recordProtocolErrors(evidence: AgentEvidence): ProtocolError[] {
  return agentProtocolErrors(evidence).map(({ kind, call, text, repairedBy }) => ({
    kind,
    call,
    ...(text === undefined ? {} : { text }),
    repairedBy,
  }));
}

/** Evidence worth keeping that did not decide the level: security events, other protocol errors, the ending, pytest runs. */
export function supportingEvidence(evidence: AgentEvidence, classification: Classification | null): Evidence[] {
  const decided = new Set((classification?.deciding ?? []).map((e) => `${e.kind}|${e.quote}`));
  const items: Evidence[] = [];
  for (const event of evidence.securityEvents) {
    items.push({
      kind: 'security',
      quote: `${event.tool} → ${event.target}`,
      shows: `tried to write outside the workspace (${event.refused ? 'refused' : 'NOT refused'})`,
    });
  }
  for (const error of agentProtocolErrors(evidence)) {
    const quote = short(`${error.call.name} ${JSON.stringify(error.call.input) ?? ''}`);
    const shows =
      error.repairedBy === null
        ? `${error.kind.replaceAll('_', ' ')}, not repaired`
        : `${error.kind.replaceAll('_', ' ')}, repaired by ${error.repairedBy}`;
    items.push({ kind: error.kind, quote, shows });
  }
  for (const turn of evidence.turns.filter((t) => t.error !== null)) {
    items.push({
      kind: 'infra',
      quote: short(turn.error ?? ''),
      shows: `the backend failed on turn ${turn.turn}`,
      source: turn.exchangeId,
    });
  }
  if (evidence.ending.terminalReason !== null && evidence.ending.terminalReason !== 'completed') {
    items.push({
      kind: 'model_text',
      quote: `terminal_reason: ${evidence.ending.terminalReason}`,
      shows: 'how Claude Code ended the run',
      source: 'claude-stream.jsonl',
    });
  }
  const lastPytest = evidence.pytestRuns.filter((r) => isRealPytestOutput(r.output)).at(-1);
  if (lastPytest !== undefined) {
    const summary = lastPytest.output.trim().split('\n').at(-1) ?? '';
    items.push({
      kind: 'pytest_output',
      quote: short(`${lastPytest.command} → ${summary}`),
      shows: 'the agent ran pytest itself',
      source: `turn ${lastPytest.turn}`,
    });
  }
  return items.filter((e) => !decided.has(`${e.kind}|${e.quote}`)).slice(0, MAX_SUPPORTING);
}
