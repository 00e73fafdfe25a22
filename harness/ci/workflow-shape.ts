/** The parts of a GitHub Actions workflow file the CI checks read, and small accessors for them. */
import type { ErrorObject } from 'ajv/dist/2020.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import Type from 'typebox';
import { parse } from 'yaml';
import { HarnessError } from '../core/errors.ts';
import { isRecord } from '../core/json.ts';

const Mapping = Type.Record(Type.String(), Type.Unknown());
const RunDefaults = Type.Object({ run: Type.Optional(Type.Object({ shell: Type.Optional(Type.String()) })) });

/** A step: the keys the checks read are typed, any other key is allowed. */
export const WorkflowStep = Type.Object({
  id: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  uses: Type.Optional(Type.String()),
  run: Type.Optional(Type.String()),
  shell: Type.Optional(Type.String()),
  if: Type.Optional(Type.String()),
  with: Type.Optional(Mapping),
  env: Type.Optional(Mapping),
  'continue-on-error': Type.Optional(Type.Unknown()),
});
export type WorkflowStep = Type.Static<typeof WorkflowStep>;

/** A job: the keys the checks read are typed, any other key is allowed. */
export const WorkflowJob = Type.Object({
  name: Type.Optional(Type.String()),
  needs: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())])),
  if: Type.Optional(Type.String()),
  uses: Type.Optional(Type.String()),
  'runs-on': Type.Optional(Type.Unknown()),
  'timeout-minutes': Type.Optional(Type.Unknown()),
  permissions: Type.Optional(Type.Unknown()),
  environment: Type.Optional(Type.Unknown()),
  strategy: Type.Optional(
    Type.Object({
      'fail-fast': Type.Optional(Type.Unknown()),
      'max-parallel': Type.Optional(Type.Unknown()),
      matrix: Type.Optional(Type.Unknown()),
    }),
  ),
  env: Type.Optional(Mapping),
  defaults: Type.Optional(RunDefaults),
  outputs: Type.Optional(Mapping),
  steps: Type.Optional(Type.Array(WorkflowStep)),
});
export type WorkflowJob = Type.Static<typeof WorkflowJob>;

/** A workflow file: a mapping with a `jobs:` mapping of jobs. */
export const Workflow = Type.Object({
  name: Type.Optional(Type.String()),
  on: Type.Optional(Type.Unknown()),
  permissions: Type.Optional(Type.Unknown()),
  env: Type.Optional(Mapping),
  defaults: Type.Optional(RunDefaults),
  jobs: Type.Record(Type.String(), WorkflowJob),
});
export type Workflow = Type.Static<typeof Workflow>;

// Compiled once; never reconfigured.
const validateWorkflow = new Ajv2020({ allowUnionTypes: true }).compile<Workflow>(Workflow);

/** Parses workflow YAML and checks the shape of what the checks read; throws CONFIG_INVALID saying what is off. */
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
  if (validateWorkflow(value)) return value;
  throw new HarnessError('CONFIG_INVALID', shapeProblem(validateWorkflow.errors?.[0]));
}

function shapeProblem(error: ErrorObject | undefined): string {
  const where = error?.instancePath ?? '';
  if (/^(\/jobs(\/[^/]+)?)?$/.test(where)) return 'The workflow has no `jobs:` mapping of jobs.';
  if (/^\/jobs\/[^/]+\/steps(\/\d+)?$/.test(where)) return "A job's `steps:` is not a list of mappings.";
  return `The workflow's ${where} ${error?.message ?? 'is invalid'}.`;
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
