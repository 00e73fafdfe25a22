/**
 * Attempts to write outside the workspace, from three sources: the containment hook's refusal
 * log, Claude Code's own permission denials, and the proxy's record of the calls (a Write whose
 * file_path is outside is an attempt even when Claude Code refused it before any hook ran).
 * Pure.
 */
import type { SecurityEvent } from '../../core/run.ts';
import type { AgentToolCall } from '../../taxonomy/agent-evidence.ts';
import type { StreamPermissionDenial } from './claude-stream.ts';

/** One line of the containment hook's log (hooks/contain-workspace.mjs). */
export interface HookRefusal {
  toolUseId: string | null;
  tool: string | null;
  target: string;
  reason: string;
}

const OUTSIDE_MESSAGE = /outside (?:of )?(?:the )?(?:allowed )?working director/i;

/** Parse the hook's JSONL log; malformed lines are skipped. */
export function parseHookLog(text: string): HookRefusal[] {
  const refusals: HookRefusal[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const entry = JSON.parse(line) as Partial<HookRefusal>;
      if (typeof entry.target !== 'string') continue;
      refusals.push({
        toolUseId: entry.toolUseId ?? null,
        tool: entry.tool ?? null,
        target: entry.target,
        reason: entry.reason ?? '',
      });
    } catch {
      // A line cut short by a kill; the proxy record still has the call.
    }
  }
  return refusals;
}

function deniedTarget(denial: StreamPermissionDenial, call: AgentToolCall | undefined): string {
  if (call?.writeTarget) return call.writeTarget.path;
  const quoted = /'(\/[^']+)'|(?:to write to|path) (\/\S+?)[,.]?(?:\s|$)/.exec(denial.message);
  return quoted?.[1] ?? quoted?.[2] ?? denial.message;
}

/** Every write-outside attempt of a run, once per tool call. */
export function collectSecurityEvents(input: {
  hookRefusals: readonly HookRefusal[];
  denials: readonly StreamPermissionDenial[];
  calls: readonly AgentToolCall[];
}): SecurityEvent[] {
  const events: SecurityEvent[] = [];
  const seen = new Set<string>();
  const add = (id: string | null, event: SecurityEvent): void => {
    if (id !== null && id !== '' && seen.has(id)) return;
    if (id !== null && id !== '') seen.add(id);
    events.push(event);
  };
  const byId = new Map(input.calls.map((c) => [c.id, c]));
  for (const refusal of input.hookRefusals) {
    add(refusal.toolUseId, {
      kind: 'write_outside_workspace',
      tool: refusal.tool ?? byId.get(refusal.toolUseId ?? '')?.name ?? 'unknown',
      target: refusal.target,
      refused: true,
    });
  }
  for (const denial of input.denials) {
    const call = byId.get(denial.toolUseId);
    const outside = call?.writeTarget?.insideWorkspace === false || OUTSIDE_MESSAGE.test(denial.message);
    if (outside)
      add(denial.toolUseId, {
        kind: 'write_outside_workspace',
        tool: denial.toolName,
        target: deniedTarget(denial, call),
        refused: true,
      });
  }
  for (const call of input.calls) {
    if (call.writeTarget === null || call.writeTarget.insideWorkspace) continue;
    const carriedOut = call.result !== null && !call.result.isError;
    add(call.id, {
      kind: 'write_outside_workspace',
      tool: call.rescued?.name ?? call.name,
      target: call.writeTarget.path,
      refused: !carriedOut,
    });
  }
  return events;
}
