export type { ClaudeArgsInput, ClaudeEnvInput } from './claude-command.ts';
export { claudeArgs, claudeEnv } from './claude-command.ts';
export type { ClaudeStream } from './claude-stream.ts';
export { parseClaudeStream } from './claude-stream.ts';
export { collectAgentEvidence } from './collect-evidence.ts';
export { resolveClaudeCli } from './resolve-claude.ts';
export { runAgentOnce } from './run-agent.ts';
