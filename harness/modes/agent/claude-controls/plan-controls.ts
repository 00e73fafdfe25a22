/**
 * Which way each control takes in one release, decided from the names its code contains, and the
 * environment and flags that follow for a run. Pure.
 */
import type { ControlId, ControlInput, ControlKind } from './control-table.ts';
import { controlTable, requiredNames, wayNames } from './control-table.ts';

/** How the names a release supports were established. */
export type SupportSource =
  /** searched for in the release's own code */
  | 'scan'
  /** the release's code could not be read; taken from the table of measured releases */
  | 'table'
  /** neither: the release is outside the measured range and unreadable; everything assumed */
  | 'assumed';

/** The names (environment variables, flags) a release's code contains. */
export interface ReleaseSupport {
  readonly source: SupportSource;
  readonly names: ReadonlySet<string>;
}

/** A control the release bounds less well than the preferred way, or not at all. */
export interface ControlShortfall {
  readonly control: ControlId;
  readonly kind: ControlKind;
  readonly status: 'substituted' | 'unsupported';
  /** One line for the report: what is used instead, or what happens without it. */
  readonly detail: string;
}

/** How one release is bounded: the way chosen per control and what falls short. */
export interface ReleaseControls {
  readonly source: SupportSource;
  /** Index into controlTable[id].ways, or null when the release has none of them. */
  readonly ways: Readonly<Record<ControlId, number | null>>;
  /** Empty when the release takes every control's preferred way. */
  readonly shortfalls: readonly ControlShortfall[];
}

const controlIds = Object.keys(controlTable) as ControlId[];

/** Choose each control's first way whose names all appear in the release. */
export function planControls(support: ReleaseSupport): ReleaseControls {
  const ways = {} as Record<ControlId, number | null>;
  const shortfalls: ControlShortfall[] = [];
  for (const id of controlIds) {
    const spec = controlTable[id];
    const index = spec.ways.findIndex((way) => wayNames(way).every((name) => support.names.has(name)));
    ways[id] = index < 0 ? null : index;
    const way = spec.ways[index];
    if (way === undefined) {
      shortfalls.push({ control: id, kind: spec.kind, status: 'unsupported', detail: spec.without });
    } else if (way.shortfall !== undefined) {
      shortfalls.push({ control: id, kind: spec.kind, status: 'substituted', detail: way.shortfall });
    }
  }
  return { source: support.source, ways, shortfalls };
}

/** The environment variables the chosen ways set for a run. */
export function controlEnv(controls: ReleaseControls, input: ControlInput): Record<string, string> {
  const env: Record<string, string> = {};
  for (const id of controlIds) {
    const index = controls.ways[id];
    const way = index === null ? undefined : controlTable[id].ways[index];
    for (const [name, value] of Object.entries(way?.env ?? {})) env[name] = value(input);
  }
  return env;
}

/** The command-line flags the chosen ways add for a run. */
export function controlArgs(controls: ReleaseControls, input: ControlInput): string[] {
  const args: string[] = [];
  for (const id of controlIds) {
    const index = controls.ways[id];
    const flag = index === null ? undefined : controlTable[id].ways[index]?.flag;
    if (flag !== undefined) args.push(flag.name, ...(flag.value === undefined ? [] : [flag.value(input)]));
  }
  return args;
}

/** One line per shortfall ("streamIdleTimeout: byte-stream watchdog …"), for logs and the report. */
export function shortfallLines(controls: ReleaseControls): string[] {
  return controls.shortfalls.map(
    (s) => `${s.control}: ${s.status === 'unsupported' ? 'unsupported — ' : ''}${s.detail}`,
  );
}

/** The names agent mode cannot do without (requiredNames) that the release lacks. */
export function missingRequiredNames(support: ReleaseSupport): string[] {
  return requiredNames.filter((name) => !support.names.has(name));
}
