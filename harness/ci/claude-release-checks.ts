/**
 * Check of the nightly workflow's Claude Code release list: offered on a manual run with the
 * scheduled run's default, checked by the step that builds the model matrix, and passed whole to
 * every model's bench as `--claude-version` (each model's report holds every release as an axis).
 */
import { cliCall } from './nightly-job-checks.ts';
import type { PnpmCall } from './pnpm-calls.ts';
import type { Workflow, WorkflowStep } from './workflow-shape.ts';
import { expandEnv, flagValue, needsOf, stepsOf, triggersOf } from './workflow-shape.ts';

/** Where the release list comes from: a `workflow_dispatch` input and the scheduled run's env default. */
export interface ReleaseListSource {
  /** The `workflow_dispatch` input, e.g. `claude_versions`. */
  input: string;
  /** The workflow `env` variable the scheduled run uses, e.g. `NIGHTLY_CLAUDE_VERSIONS`. */
  envDefault: string;
}

function inputProblems(workflow: Workflow, { input, envDefault }: ReleaseListSource): string[] {
  const dispatch = triggersOf(workflow).workflow_dispatch as {
    inputs?: Record<string, Record<string, unknown>>;
  } | null;
  const declared = dispatch?.inputs?.[input];
  if (declared === undefined) return [`on.workflow_dispatch.inputs.${input}: missing`];
  const problems: string[] = [];
  if (declared.type !== 'string') problems.push(`on.workflow_dispatch.inputs.${input}: type must be string`);
  const scheduled = workflow.env?.[envDefault];
  if (typeof declared.default !== 'string' || declared.default.trim() === '' || declared.default !== scheduled) {
    problems.push(
      `on.workflow_dispatch.inputs.${input}: default ${JSON.stringify(declared.default)} must be non-empty and equal env.${envDefault} (${JSON.stringify(scheduled)}), so the scheduled run drives the same releases`,
    );
  }
  return problems;
}

/**
 * True when `value` is `${{ needs.J.outputs.O }}` of a needed job J whose output O is set by a
 * step that reads `inputs.<input> || env.<envDefault>` into an env variable its script uses and
 * writes that output (`name=` in its script).
 */
function fromCheckedList(
  workflow: Workflow,
  needs: readonly string[],
  value: string,
  source: ReleaseListSource,
): boolean {
  const ref = /^\$\{\{\s*needs\.([\w-]+)\.outputs\.([\w-]+)\s*\}\}$/.exec(value);
  if (ref === null || !needs.includes(ref[1] as string)) return false;
  const producer = workflow.jobs[ref[1] as string];
  const output = String(producer?.outputs?.[ref[2] as string] ?? '');
  const [, stepId, written] = /^\$\{\{\s*steps\.([\w-]+)\.outputs\.([\w-]+)\s*\}\}$/.exec(output) ?? [];
  const step = stepsOf(producer).find((s) => s.id !== undefined && s.id === stepId);
  const script = step?.run ?? '';
  if (step === undefined || !script.includes(`${written}=`)) return false;
  const readsSource = new RegExp(`\\binputs\\.${source.input}\\s*\\|\\|\\s*env\\.${source.envDefault}\\b`);
  return Object.entries(step.env ?? {}).some(
    ([name, text]) => readsSource.test(String(text)) && new RegExp(`\\b${name}\\b`).test(script),
  );
}

/**
 * The release input exists as a string with the scheduled default, and the plain bench run of
 * `benchJobId` passes `--claude-version` from the list the matrix step checked (inputs.X || env.Y,
 * read by that step and handed on as a job output), not from the matrix: one job per model, each
 * holding every release. Returns problems, empty when fine.
 */
export function checkClaudeReleaseList(
  workflow: Workflow,
  benchJobId: string,
  source: ReleaseListSource,
  cliScript = 'bench',
): string[] {
  const problems = inputProblems(workflow, source);
  const job = workflow.jobs[benchJobId];
  if (job === undefined) return [...problems, `no job "${benchJobId}"`];
  const step = stepsOf(job).find((s) => cliCall(s, cliScript, null) !== undefined) as WorkflowStep | undefined;
  if (step === undefined) return problems;
  const given = flagValue((cliCall(step, cliScript, null) as PnpmCall).args, '--claude-version');
  if (given === null) return [...problems, `${benchJobId}: pnpm ${cliScript} must pass --claude-version`];
  const value = expandEnv(given, workflow, job, step);
  if (!fromCheckedList(workflow, needsOf(job), value, source)) {
    problems.push(
      `${benchJobId}: --claude-version must be the whole release list the matrix step checked (a needs.<job>.outputs value set by the step that reads inputs.${source.input} || env.${source.envDefault}), got ${JSON.stringify(value)}`,
    );
  }
  return problems;
}
