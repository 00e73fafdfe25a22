export type { AgentEvidence, AgentPytestRun, AgentToolCall, AgentTurn } from './agent-evidence.ts';
export type { AgentProtocolError } from './classify-agent.ts';
export { agentProtocolErrors, classifyAgent, testsAllPass } from './classify-agent.ts';
export type { RawEvidence } from './classify-raw.ts';
export { classifyRaw } from './classify-raw.ts';
export { isRealPytestOutput, pytestRunFailed, smokeChecks } from './smoke-checks.ts';
