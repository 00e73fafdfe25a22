/**
 * What differs between the runs of one model and task under two Claude Code releases, said from
 * the runs' own protocol errors (kind, call, who repaired it) and deciding evidence. Pure.
 */

import { isRecord } from '../core/json.ts';
import { quote } from '../core/quote.ts';
import type { ProtocolError, ProtocolErrorKind, RunRecord } from '../core/run.ts';
import { statusWords } from './format.ts';
import type { RunSummary } from './types.ts';

/** The runs of one group under one release. */
export interface ReleaseSide {
  version: string;
  runs: readonly RunRecord[];
}

/** How each kind of call ended when nobody repaired it. */
const unrepaired: Record<ProtocolErrorKind, string> = {
  tool_hallucination: 'was refused',
  tool_name_mismatch: 'was refused',
  param_name_mismatch: 'was refused',
  argument_type: 'was refused',
  unparseable_tool_input: 'was refused',
  text_tool_call: 'was not run (written as text)',
  truncated_tool_call: 'was not run (cut by the output limit)',
};

const repairer: Record<NonNullable<ProtocolError['repairedBy']>, string> = {
  claude_code: 'the CLI repaired',
  proxy_rescue: "the proxy's rescue repaired",
  model_retry: 'the model corrected',
};

interface CallShape {
  kind: ProtocolErrorKind;
  /** "`Write` with `path`, `content`" */
  call: string;
  /** Who repaired it in these runs, in order: null when some were not. */
  repairs: Array<ProtocolError['repairedBy']>;
}

function callText(error: ProtocolError): string {
  const keys = isRecord(error.call.input) ? Object.keys(error.call.input) : [];
  const shown = keys.slice(0, 4).map((k) => `\`${k}\``);
  const args = keys.length === 0 ? '' : ` with ${shown.join(', ')}${keys.length > 4 ? ', …' : ''}`;
  return `\`${error.call.name}\`${args}`;
}

/** The distinct protocol errors of some runs, keyed by kind and call shape. */
function callShapes(runs: readonly RunRecord[]): Map<string, CallShape> {
  const shapes = new Map<string, CallShape>();
  for (const error of runs.flatMap((r) => r.protocolErrors)) {
    const call = callText(error);
    const key = JSON.stringify([error.kind, call]);
    const shape = shapes.get(key) ?? { kind: error.kind, call, repairs: [] };
    if (!shape.repairs.includes(error.repairedBy)) shape.repairs.push(error.repairedBy);
    shapes.set(key, shape);
  }
  return shapes;
}

/** "`Write` with `path` was refused (param_name_mismatch, not repaired)", "the CLI repaired it (…)". */
function outcomeOf(shape: CallShape, subject: string): string {
  const by = shape.repairs.filter((r) => r !== null);
  if (by.length === 0 || shape.repairs.includes(null)) {
    const some = by.length > 0 ? `, repaired by ${by.join(', ')} only at times` : ', not repaired';
    return `${subject} ${unrepaired[shape.kind]} (${shape.kind}${some})`;
  }
  return `${repairer[by[0] as keyof typeof repairer]} ${subject} (${shape.kind}, repaired by ${by.join(', ')})`;
}

const sameRepairs = (a: CallShape, b: CallShape): boolean =>
  JSON.stringify([...a.repairs].sort()) === JSON.stringify([...b.repairs].sort());

/**
 * "under 2.1.85 `Write` with `path` was refused (param_name_mismatch, not repaired); under
 * 2.1.328 the CLI repaired it (param_name_mismatch, repaired by claude_code)". Only the calls
 * whose outcome differs are named; null when the protocol errors do not differ.
 */
export function explainReleaseChange(before: ReleaseSide, after: ReleaseSide): string | null {
  const [was, now] = [callShapes(before.runs), callShapes(after.runs)];
  const changed = [...new Set([...was.keys(), ...now.keys()])].filter((key) => {
    const [a, b] = [was.get(key), now.get(key)];
    return a === undefined || b === undefined || !sameRepairs(a, b);
  });
  if (changed.length === 0) return null;
  const beforeParts: string[] = [];
  const afterParts: string[] = [];
  for (const key of changed) {
    const [a, b] = [was.get(key), now.get(key)];
    if (a !== undefined) beforeParts.push(outcomeOf(a, a.call));
    if (b !== undefined) afterParts.push(outcomeOf(b, a !== undefined && changed.length === 1 ? 'it' : b.call));
    else if (a !== undefined) afterParts.push(`no ${a.call} call (${a.kind})`);
  }
  const side = (version: string, parts: string[]): string =>
    `under ${version} ${parts.length === 0 ? 'no protocol errors' : parts.join('; ')}`;
  return `${side(before.version, beforeParts)}; ${side(after.version, afterParts)}`;
}

/** "level 4", "timeout": a group's modal outcome in a few words. */
export function groupOutcome(summary: Pick<RunSummary, 'modalStatus' | 'modalLevel'>): string {
  if (summary.modalStatus !== 'completed' || summary.modalLevel === null) return statusWords[summary.modalStatus];
  return `level ${summary.modalLevel}`;
}

/** "level 4 → 6", "timeout → level 6": from one modal outcome to another; null when they are equal. */
export function outcomeChange(
  before: Pick<RunSummary, 'modalStatus' | 'modalLevel'>,
  after: Pick<RunSummary, 'modalStatus' | 'modalLevel'>,
): string | null {
  const [a, b] = [groupOutcome(before), groupOutcome(after)];
  if (a === b) return null;
  return a.startsWith('level ') && b.startsWith('level ') ? `${a} → ${b.slice('level '.length)}` : `${a} → ${b}`;
}

/** The run that stands for a group: the first whose status and level are the group's modal ones. */
export function representativeRun(
  runs: readonly RunRecord[],
  summary: Pick<RunSummary, 'modalStatus' | 'modalLevel'>,
): RunRecord | undefined {
  const modal = runs.filter(
    (r) => r.status === summary.modalStatus && (r.status !== 'completed' || r.level === summary.modalLevel),
  );
  return modal[0] ?? runs[0];
}

/**
 * The deciding evidence of a run and, when it has one, what Claude Code answered to the first
 * broken call: "called Write with arguments that violate its schema (…): “Write {"path":…”;
 * Claude Code answered “<tool_use_error>InputValidationError: …”".
 */
export function decidingText(run: RunRecord): string {
  const deciding = run.evidence[0];
  const answer = run.evidence.find((e) => e.kind === 'tool_error' || e.kind === 'tool_result');
  const quoted = (text: string, max: number): string => (text === '' ? '' : ` “${quote(text, max)}”`);
  const head = deciding === undefined ? 'no evidence recorded' : `${deciding.shows}:${quoted(deciding.quote, 90)}`;
  return answer === undefined || answer === deciding
    ? head
    : `${head}; Claude Code answered${quoted(answer.quote, 220)}`;
}
