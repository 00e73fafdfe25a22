/**
 * How an agent run is kept inside its workspace. Claude Code itself refuses, in permission mode
 * `acceptEdits` under `-p`, file edits outside its working directory and any command that
 * would need approval; the settings below add what the benchmark needs (pytest through the
 * grader Python) and a PreToolUse hook that refuses and logs writes outside the workspace,
 * including shell commands naming outside paths, which Claude Code would allow once a command
 * prefix such as `python3` is allowed.
 */
import { fileURLToPath } from 'node:url';

/** The hook script shipped beside this file (plain JavaScript, run with bare node). */
export const containmentHookScript = fileURLToPath(new URL('./hooks/contain-workspace.mjs', import.meta.url));

/** Command prefixes the agent may run without approval: the test runner and Python. */
export const allowedCommandRules = ['Bash(pytest:*)', 'Bash(python3:*)', 'Bash(python:*)'] as const;

/** Refused even though a prefix above would allow them: they change the grader's Python. */
export const deniedCommandRules = [
  'Bash(pip:*)',
  'Bash(pip3:*)',
  'Bash(python3 -m pip:*)',
  'Bash(python -m pip:*)',
  'Bash(uv:*)',
] as const;

/** Tools whose input can write somewhere (matched by the hook). */
export const writingToolsMatcher = 'Write|Edit|MultiEdit|NotebookEdit|Bash|Monitor|PowerShell';

export interface ContainmentInput {
  /** Absolute path of node, to run the hook. */
  nodeBin: string;
  hookScript: string;
  workspace: string;
  /** JSONL file the hook appends refusals to. */
  hookLog: string;
  /** Outside paths a command may name (the shims and the grader Python). */
  allowedOutsidePaths: readonly string[];
}

/** The `--settings` JSON of an agent run. Pure. */
export function containmentSettings(input: ContainmentInput): Record<string, unknown> {
  const command = [input.nodeBin, input.hookScript, input.workspace, input.hookLog, ...input.allowedOutsidePaths]
    .map(shellQuote)
    .join(' ');
  return {
    permissions: {
      allow: [...allowedCommandRules],
      deny: [...deniedCommandRules],
    },
    hooks: {
      PreToolUse: [{ matcher: writingToolsMatcher, hooks: [{ type: 'command', command, timeout: 30 }] }],
    },
  };
}

/** Quote one word for a POSIX shell. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
