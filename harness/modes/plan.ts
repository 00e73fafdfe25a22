/**
 * The runs of a bench, in order, each with its stable id: model × mode × Claude Code release (agent
 * runs only) × task × attempt. The id is also the key --resume skips finished runs by.
 */
import type { BenchSettings } from '../config/types.ts';
import type { Mode } from '../core/run.ts';
import { sessionIdFor } from '../proxy/index.ts';
import { listTaskIds, loadTask } from '../tasks/load-task.ts';
import type { TaskDefinition } from '../tasks/types.ts';
import type { ClaudeRelease } from './context.ts';

/** What identifies a run within a bench. */
export interface RunKeyParts {
  model: string;
  task: string;
  mode: Mode;
  /** The exact Claude Code release of an agent run; null for raw runs. */
  claudeCode: string | null;
  attempt: number;
  rescue: boolean;
}

const safePart = (text: string): string => text.replace(/[^A-Za-z0-9._-]+/g, '-');

/**
 * Stable, readable id of a run: `gemma4-26b__lru-cache__agent__cc2.1.85__a1`
 * (`qwen3__lru-cache__raw__a2__rescue` for a raw run with the rescue).
 */
export function runKey(parts: RunKeyParts): string {
  const release = parts.claudeCode === null ? '' : `__cc${safePart(parts.claudeCode)}`;
  const rescue = parts.rescue ? '__rescue' : '';
  // Also the proxy session id: any model id (a long GGUF path, say) must give a usable one.
  return sessionIdFor(`${safePart(parts.model)}__${parts.task}__${parts.mode}${release}__a${parts.attempt}${rescue}`);
}

/** Resolve --task (all, one id, or a comma list) against the task folder. */
export async function resolveTasks(selection: string): Promise<TaskDefinition[]> {
  const ids = selection === 'all' ? await listTaskIds() : selection.split(',');
  return Promise.all(ids.map((id) => loadTask(id)));
}

/** The run's limits: the user's --timeout/--max-turns when given, else the task's own. */
export function settingsForTask(settings: BenchSettings, task: TaskDefinition): BenchSettings {
  return {
    ...settings,
    timeoutSec: settings.limitsGiven.timeout ? settings.timeoutSec : task.limits.agentTimeoutSec,
    maxTurns: settings.limitsGiven.maxTurns ? settings.maxTurns : task.limits.maxTurns,
  };
}

export interface PlannedRun {
  id: string;
  model: string;
  task: TaskDefinition;
  mode: Mode;
  attempt: number;
  /** The release an agent run drives; null for raw runs. */
  claude: ClaudeRelease | null;
}

/**
 * Every run of the bench in order: per model, raw before agent, agent runs once per release (in
 * the order resolved), then per task and attempt. Raw runs do not depend on the CLI: once.
 */
export function planRuns(
  settings: BenchSettings,
  tasks: readonly TaskDefinition[],
  releases: readonly ClaudeRelease[],
): PlannedRun[] {
  const plan: PlannedRun[] = [];
  for (const model of settings.models) {
    for (const mode of settings.modes) {
      for (const claude of mode === 'agent' ? releases : [null]) {
        for (const task of tasks) {
          for (let attempt = 1; attempt <= settings.repeat; attempt += 1) {
            const claudeCode = claude?.version ?? null;
            const id = runKey({ model, task: task.id, mode, claudeCode, attempt, rescue: settings.rescue });
            plan.push({ id, model, task, mode, attempt, claude });
          }
        }
      }
    }
  }
  return plan;
}
