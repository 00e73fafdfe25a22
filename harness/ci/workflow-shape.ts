/** The parts of a GitHub Actions workflow file the CI checks read, and small accessors for them. */
import { parse } from 'yaml';
import { HarnessError } from '../core/errors.ts';
import { isRecord } from '../core/json.ts';

export interface WorkflowStep {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  shell?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
  'continue-on-error'?: unknown;
}

interface RunDefaults {
  run?: { shell?: string };
}

export interface WorkflowJob {
  name?: string;
  needs?: string | string[];
  if?: string;
  uses?: string;
  'runs-on'?: unknown;
  'timeout-minutes'?: unknown;
  permissions?: unknown;
  environment?: unknown;
  strategy?: { 'fail-fast'?: unknown; 'max-parallel'?: unknown; matrix?: unknown };
  env?: Record<string, unknown>;
  defaults?: RunDefaults;
  outputs?: Record<string, unknown>;
  steps?: WorkflowStep[];
}

export interface Workflow {
  name?: string;
  on?: unknown;
  permissions?: unknown;
  env?: Record<string, unknown>;
  defaults?: RunDefaults;
  jobs: Record<string, WorkflowJob>;
}

/** Parses workflow YAML; throws CONFIG_INVALID unless it is a mapping with a `jobs` mapping of mappings. */
export function parseWorkflow(text: string): Workflow {
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    throw new HarnessError(
      'CONFIG_INVALID',
      `The workflow is not valid YAML: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  if (!isRecord(value) || !isRecord(value.jobs) || !Object.values(value.jobs).every(isRecord)) {
    throw new HarnessError('CONFIG_INVALID', 'The workflow has no `jobs:` mapping of jobs.');
  }
  for (const job of Object.values(value.jobs) as Record<string, unknown>[]) {
    if (job.steps !== undefined && !(Array.isArray(job.steps) && job.steps.every(isRecord))) {
      throw new HarnessError('CONFIG_INVALID', "A job's `steps:` is not a list of mappings.");
    }
  }
  return value as unknown as Workflow;
}

/** The `on:` triggers as a mapping (`on: push` and `on: [push]` become `{ push: null }`). */
export function triggersOf(workflow: Workflow): Record<string, unknown> {
  const on = workflow.on;
  if (typeof on === 'string') return { [on]: null };
  if (Array.isArray(on)) return Object.fromEntries(on.map((t) => [String(t), null]));
  return isRecord(on) ? on : {};
}

/** A job's `needs:` as a list. */
export function needsOf(job: WorkflowJob): string[] {
  if (job.needs === undefined) return [];
  return Array.isArray(job.needs) ? job.needs : [job.needs];
}

export function stepsOf(job: WorkflowJob | undefined): WorkflowStep[] {
  return job?.steps ?? [];
}

/** The action a step uses without its version ("actions/checkout@v4" → "actions/checkout"). */
export function actionOf(step: WorkflowStep): string | null {
  return typeof step.uses === 'string' ? (step.uses.split('@')[0] as string) : null;
}

/** Every step of every job, with its job id. */
export function allSteps(workflow: Workflow): { jobId: string; job: WorkflowJob; step: WorkflowStep }[] {
  return Object.entries(workflow.jobs).flatMap(([jobId, job]) => stepsOf(job).map((step) => ({ jobId, job, step })));
}

/**
 * Expands `${{ env.X }}`, `$X` and `${X}` in `text` from the step, job and workflow `env`
 * (nearest first), leaving unknown names as written.
 */
export function expandEnv(text: string, workflow: Workflow, job: WorkflowJob, step?: WorkflowStep): string {
  const lookup = (name: string): string | undefined => {
    for (const env of [step?.env, job.env, workflow.env]) {
      const value = env?.[name];
      if (value !== undefined && value !== null) return String(value);
    }
    return undefined;
  };
  return text.replace(
    /\$\{\{\s*env\.(\w+)\s*\}\}|\$\{(\w+)\}|\$(\w+)/g,
    (whole, a?: string, b?: string, c?: string) => {
      const value = lookup((a ?? b ?? c) as string);
      return value === undefined ? whole : value;
    },
  );
}

/** The value after `flag` in a word list (`--out DIR` or `--out=DIR`), or null. */
export function flagValue(args: readonly string[], flag: string): string | null {
  for (const [i, arg] of args.entries()) {
    if (arg === flag) return args[i + 1] ?? null;
    if (arg.startsWith(`${flag}=`)) return arg.slice(flag.length + 1);
  }
  return null;
}
