/**
 * The few error classes of the harness. Every error carries a stable code and a message that
 * says what to do next; the CLI prints the message (stack only with --debug) and maps the code
 * to an exit status.
 */
export type ErrorCode =
  | 'USAGE' // bad flag or flag value
  | 'CONFIG_INVALID' // a task definition, profile or alias table failed validation
  | 'BACKEND_UNREACHABLE'
  | 'BACKEND_ERROR' // the backend answered, but not as expected (preflight)
  | 'MODEL_NOT_FOUND'
  | 'PREFLIGHT_REFUSED' // the backend answers, but this model or its context cannot run what was asked
  | 'PYTHON_MISSING' // grader Python or one of its modules is missing
  | 'CLAUDE_MISSING' // the Claude Code CLI binary cannot be started
  | 'REPORT_INVALID' // a report file is corrupt, foreign or of an unknown schema version
  | 'RESUME_MISMATCH'
  | 'INTERNAL';

/** Exit status per code: 2 for anything the user can fix before a run, 1 otherwise. */
export const exitCodeFor: Record<ErrorCode, number> = {
  USAGE: 2,
  CONFIG_INVALID: 2,
  BACKEND_UNREACHABLE: 2,
  BACKEND_ERROR: 2,
  MODEL_NOT_FOUND: 2,
  PREFLIGHT_REFUSED: 2,
  PYTHON_MISSING: 2,
  CLAUDE_MISSING: 2,
  REPORT_INVALID: 2,
  RESUME_MISMATCH: 2,
  INTERNAL: 1,
};

/** An error the harness expects and explains: one line, with the fix in it. */
export class HarnessError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HarnessError';
    this.code = code;
  }
}

/** True when `error` is a HarnessError (also across module copies). */
export function isHarnessError(error: unknown): error is HarnessError {
  return error instanceof Error && error.name === 'HarnessError' && 'code' in error;
}
