/**
 * Why a run has no level, read from its record through one accessor, so the tests follow the report
 * schema in one place (schema v2: `cause` and `message` on an infra_error or timeout run).
 */
import type { RunRecord } from '../../core/run.ts';

/** The recorded cause of a run that ended without a level; null for a completed run. */
export function failureCause(run: RunRecord): string | null {
  return run.status === 'completed' ? null : run.cause;
}

/** The message recorded with that cause (the server's or the harness's own words). */
export function failureMessage(run: RunRecord): string | null {
  return run.status === 'completed' ? null : run.message;
}

/** The cause a prompt larger than the server's context window must be recorded with. */
export const contextTooSmall = 'context_too_small';
