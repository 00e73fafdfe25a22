export { runAgentOnce } from './run-agent.ts';
export { resolveClaudeCli } from './resolve-claude.ts';
export { claudeArgs, claudeEnv } from './claude-command.ts';
export type { ClaudeArgsInput, ClaudeEnvInput } from './claude-command.ts';
export { collectAgentEvidence } from './collect-evidence.ts';
export { parseClaudeStream } from './claude-stream.ts';
export type { ClaudeStream } from './claude-stream.ts';
