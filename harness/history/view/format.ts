/** How the page writes levels, sizes and times; number formats come from the report writers. */
import type { RunStatusName } from '../view-model.ts';

export { formatPercent, formatRate, formatSeconds } from '../../report/format.ts';

const statusText: Record<RunStatusName, string> = {
  completed: 'completed',
  timeout: 'timeout',
  infra_error: 'infra error',
};

/** "3 tool name mismatch · kind", or the status when there is no level. */
export function outcomeText(outcome: {
  status: RunStatusName;
  level: number | null;
  label: string | null;
  kind: string | null;
}): string {
  if (outcome.status !== 'completed' || outcome.level === null) return statusText[outcome.status];
  const label = outcome.label === null ? '' : ` ${outcome.label.replace(/_/g, ' ')}`;
  return `${outcome.level}${label}${outcome.kind === null ? '' : ` · ${outcome.kind}`}`;
}

/** Bytes as GiB with one decimal ("17.2 GiB"); "—" when unknown. */
export function formatGiB(bytes: number | null): string {
  return bytes === null ? '—' : `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
}

/** The CSS class of a level cell: lvl-1 … lvl-6, st-timeout, st-infra_error, or none. */
export function outcomeClass(outcome: { status: RunStatusName; level: number | null } | null): string {
  if (outcome === null) return 'none';
  if (outcome.status !== 'completed' || outcome.level === null) return `st-${outcome.status}`;
  return `lvl-${outcome.level}`;
}
