/** The one-line fixability summary a report shows, derived from the run record. */
import type { Fixability } from '../core/run.ts';

/** The one-line summary a report shows, derived from the record ("level 5 → 6 with repair (…)"). */
export function fixabilityLine(levelBefore: number, fixability: Fixability): string {
  switch (fixability.state) {
    case 'not_needed':
      return 'nothing to fix';
    case 'no_fix':
      return 'no deterministic fix: the model did not do the task';
    case 'not_measured':
      return fixability.reason === 'disabled'
        ? 'not measured (--no-fixability)'
        : 'not measured: the run already had the rescue on';
    case 'nothing_to_change':
      return `not fixable: the ${fixability.method} has nothing to change (${fixability.why})`;
    case 'measured':
      return measuredLine(levelBefore, fixability);
  }
}

function measuredLine(levelBefore: number, fix: Extract<Fixability, { state: 'measured' }>): string {
  const how = `with ${fix.method}`;
  const changed = fix.changes.length === 0 ? '' : ` (${summariseChanges(fix.changes)})`;
  if (fix.after.status !== 'completed')
    return `not measured: the ${fix.method} rerun ended ${fix.after.status}: ${fix.after.message}`;
  const after = fix.after.level;
  if (after === 6) return `level ${levelBefore} → 6 ${how}${changed}`;
  return after === levelBefore
    ? `not fixable: still level ${levelBefore} ${how}${changed}`
    : `not fixable: level ${levelBefore} → ${after} ${how}${changed}`;
}

function summariseChanges(changes: readonly string[]): string {
  const shown = changes.slice(0, 3).join('; ');
  return changes.length > 3 ? `${shown}; ${changes.length - 3} more` : shown;
}
