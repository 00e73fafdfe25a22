/**
 * Why a run has no level, read from its record through one accessor, so the tests follow the report
 * schema in one place (schema v1 keeps it in `error.code`).
 */
import type { RunRecord } from '../../core/run.ts';

/** The recorded cause of a run that ended without a level; null for a completed run. */
export function failureCause(run: RunRecord): string | null {
  return run.error?.code ?? null;
}

/** The message recorded with that cause (the server's or the harness's own words). */
export function failureMessage(run: RunRecord): string | null {
  return run.error?.message ?? null;
}

/** The cause a prompt larger than the server's context window must be recorded with. */
export const contextTooSmall = 'PROMPT_TOO_LONG';
