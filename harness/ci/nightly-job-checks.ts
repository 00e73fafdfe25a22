/**
 * Checks of the nightly workflow's two main jobs: the per-model bench on the self-hosted Mac and
 * the merge that compares with the last good night. Each returns problems, empty when fine.
 */

import type { PnpmCall } from './pnpm-calls.ts';
import { pnpmCalls } from './pnpm-calls.ts';
import { shellCommands } from './shell-commands.ts';
import type { Workflow, WorkflowJob, WorkflowStep } from './workflow-shape.ts';
import { actionOf, expandEnv, flagValue, needsOf, stepsOf } from './workflow-shape.ts';

const isAlways = (condition: unknown): boolean => typeof condition === 'string' && /\balways\(\)/.test(condition);

/** The first step index matching, or -1. */
function indexOf(steps: readonly WorkflowStep[], match: (step: WorkflowStep) => boolean): number {
  return steps.findIndex(match);
}

function callsIn(step: WorkflowStep): PnpmCall[] {
  return typeof step.run === 'string' ? pnpmCalls(step.run) : [];
}

/** The first `pnpm <cliScript> <subcommand>` call of a step (subcommand null: the plain bench run). */
export function cliCall(step: WorkflowStep, cliScript: string, subcommand: string | null): PnpmCall | undefined {
  return callsIn(step).find((c) => {
    if (c.builtin || c.name !== cliScript) return false;
    const first = c.args[0];
    return subcommand === null ? first === undefined || first.startsWith('-') : first === subcommand;
  });
}

/** Problems when the named steps are missing (-1) or out of order. */
function orderProblems(jobId: string, sequence: readonly [string, number][]): string[] {
  const problems = sequence.filter(([, i]) => i < 0).map(([what]) => `${jobId}: no step that ${what}`);
  const present = sequence.filter(([, i]) => i >= 0);
  for (let k = 1; k < present.length; k += 1) {
    const [before, i] = present[k - 1] as [string, number];
    const [after, j] = present[k] as [string, number];
    if (j <= i) problems.push(`${jobId}: the step that ${after} must come after the one that ${before}`);
  }
  return problems;
}

const samePath = (a: string, b: string): boolean => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

function matrixProblems(workflow: Workflow, jobId: string, job: WorkflowJob): string[] {
  const matrix = job.strategy?.matrix;
  if (typeof matrix === 'string') {
    const ref = /fromJSON\(\s*needs\.([\w-]+)\.outputs\.([\w-]+)\s*\)/.exec(matrix);
    if (ref === null)
      return [`${jobId}: strategy.matrix must be \${{ fromJSON(needs.<job>.outputs.<name>) }} or a mapping with model`];
    const [, from = '', output = ''] = ref;
    if (!needsOf(job).includes(from))
      return [`${jobId}: strategy.matrix reads needs.${from} but the job does not need ${from}`];
    if (workflow.jobs[from]?.outputs?.[output] === undefined)
      return [`${jobId}: job ${from} has no output "${output}" for the matrix`];
    return [];
  }
  const m = matrix as { model?: unknown; include?: unknown } | undefined;
  const listed =
    Array.isArray(m?.model) ||
    (Array.isArray(m?.include) && m.include.every((e) => typeof (e as { model?: unknown })?.model === 'string'));
  return listed ? [] : [`${jobId}: strategy.matrix has no model list`];
}

/**
 * The bench job: runs on exactly `labels`, one matrix entry per model, fail-fast off, one model at
 * a time; checks out, installs with pnpm, checks Ollama answers, pulls the model, runs the bench
 * into a per-model folder under results/nightly/ and uploads that folder even after a failure.
 */
export function checkBenchJob(
  workflow: Workflow,
  jobId: string,
  labels: readonly string[],
  cliScript = 'bench',
): string[] {
  const job = workflow.jobs[jobId];
  if (job === undefined) return [`no job "${jobId}"`];
  const problems: string[] = [];
  const runsOn = job['runs-on'];
  const want = [...labels].sort();
  if (!Array.isArray(runsOn) || JSON.stringify([...runsOn].map(String).sort()) !== JSON.stringify(want)) {
    problems.push(`${jobId}: runs-on must be exactly [${labels.join(', ')}], got ${JSON.stringify(runsOn)}`);
  }
  if (job.strategy?.['fail-fast'] !== false) problems.push(`${jobId}: strategy.fail-fast must be false`);
  if (job.strategy?.['max-parallel'] !== 1)
    problems.push(`${jobId}: strategy.max-parallel must be 1 (one model at a time on a single-slot server)`);
  problems.push(...matrixProblems(workflow, jobId, job));
  const timeout = job['timeout-minutes'];
  if (typeof timeout !== 'number' || timeout <= 0) problems.push(`${jobId}: timeout-minutes must be a positive number`);

  const steps = stepsOf(job);
  const expand = (text: string, step?: WorkflowStep): string => expandEnv(text, workflow, job, step);
  const pnpmSetup = indexOf(steps, (s) => actionOf(s) === 'pnpm/action-setup');
  const nodeWithPnpmCache = indexOf(steps, (s) => actionOf(s) === 'actions/setup-node' && s.with?.cache === 'pnpm');
  if (nodeWithPnpmCache >= 0 && (pnpmSetup < 0 || pnpmSetup > nodeWithPnpmCache)) {
    problems.push(`${jobId}: actions/setup-node with cache: pnpm needs pnpm/action-setup before it`);
  }
  const benchIndex = indexOf(steps, (s) => cliCall(s, cliScript, null) !== undefined);
  const uploadIndex = indexOf(steps, (s) => actionOf(s) === 'actions/upload-artifact' && isAlways(s.if));
  problems.push(
    ...orderProblems(jobId, [
      ['checks out the repository', indexOf(steps, (s) => actionOf(s) === 'actions/checkout')],
      [
        'installs with pnpm',
        indexOf(
          steps,
          (s) =>
            callsIn(s).some((c) => c.builtin && (c.name === 'install' || c.name === 'i')) ||
            /\bscripts\/setup\.sh\b/.test(s.run ?? ''),
        ),
      ],
      [
        'checks that Ollama answers on port 11434',
        indexOf(steps, (s) => /\bcurl\b[^\n]*:11434\/api\/(version|tags|ps)\b/.test(expand(s.run ?? '', s))),
      ],
      [
        'pulls the matrix model',
        indexOf(steps, (s) =>
          shellCommands(s.run ?? '').some(
            ({ words: c }) => c[0] === 'ollama' && c[1] === 'pull' && expand(c[2] ?? '', s).includes('matrix.'),
          ),
        ),
      ],
      [`runs pnpm ${cliScript}`, benchIndex],
      ['uploads an artifact with if: always()', uploadIndex],
    ]),
  );

  if (benchIndex >= 0) {
    const step = steps[benchIndex] as WorkflowStep;
    const call = cliCall(step, cliScript, null) as PnpmCall;
    const model = flagValue(call.args, '--model');
    if (model === null || !expand(model, step).includes('matrix.'))
      problems.push(`${jobId}: pnpm ${cliScript} must get --model from the matrix`);
    const out = flagValue(call.args, '--out');
    const outDir = out === null ? null : expand(out, step);
    if (outDir === null || !outDir.startsWith('results/nightly/') || !outDir.includes('${{ matrix.')) {
      problems.push(
        `${jobId}: pnpm ${cliScript} must write to --out results/nightly/<model from the matrix>, got ${JSON.stringify(outDir)}`,
      );
    }
    if (uploadIndex >= 0 && outDir !== null) {
      const upload = steps[uploadIndex] as WorkflowStep;
      const uploaded = expand(String(upload.with?.path ?? ''), upload);
      if (!samePath(uploaded, outDir))
        problems.push(
          `${jobId}: the artifact uploads ${JSON.stringify(uploaded)}, not the bench's --out ${JSON.stringify(outDir)}`,
        );
    }
  }
  if (uploadIndex >= 0) {
    const name = String((steps[uploadIndex] as WorkflowStep).with?.name ?? '');
    // Raw names such as gemma4:26b hold characters artifact names may not contain.
    if (!name.includes('${{ matrix.') || name.includes('matrix.model')) {
      problems.push(
        `${jobId}: the artifact name must use a safe per-model matrix field (not matrix.model), got ${JSON.stringify(name)}`,
      );
    }
  }
  return problems;
}

/** Each `expected` variable is set to that value in the job's or the workflow's env. */
export function checkJobEnv(workflow: Workflow, jobId: string, expected: Readonly<Record<string, string>>): string[] {
  const job = workflow.jobs[jobId];
  if (job === undefined) return [`no job "${jobId}"`];
  return Object.entries(expected).flatMap(([name, value]) => {
    const actual = job.env?.[name] ?? workflow.env?.[name];
    return actual !== undefined && String(actual) === value
      ? []
      : [`${jobId}: env ${name} must be ${value}, got ${JSON.stringify(actual)}`];
  });
}

/**
 * The merge job: runs after the bench job even when some models failed, downloads the shards,
 * merges them, fetches the last good night's merged report, compares with --fail-on-regression
 * and --format md into the job summary (written even when the compare fails) and uploads the
 * merged report under `artifactName`.
 */
export function checkMergeJob(
  workflow: Workflow,
  jobId: string,
  benchJobId: string,
  artifactName: string,
  cliScript = 'bench',
): string[] {
  const job = workflow.jobs[jobId];
  if (job === undefined) return [`no job "${jobId}"`];
  const problems: string[] = [];
  if (!needsOf(job).includes(benchJobId)) problems.push(`${jobId}: must need ${benchJobId}`);
  if (!isAlways(job.if)) problems.push(`${jobId}: needs if: always() so partial results are merged`);
  const steps = stepsOf(job);
  const expand = (text: string, step?: WorkflowStep): string => expandEnv(text, workflow, job, step);
  const mergeIndex = indexOf(steps, (s) => cliCall(s, cliScript, 'merge') !== undefined);
  const compareIndex = indexOf(steps, (s) => cliCall(s, cliScript, 'compare') !== undefined);
  const uploadIndex = indexOf(steps, (s) => actionOf(s) === 'actions/upload-artifact' && s.with?.name === artifactName);
  const fetchesPrevious = (s: WorkflowStep): boolean =>
    (actionOf(s) === 'dawidd6/action-download-artifact' && s.with?.name === artifactName) ||
    (shellCommands(s.run ?? '').some(({ words: c }) => c.slice(0, 3).join(' ') === 'gh run download') &&
      (s.run ?? '').includes(artifactName));
  problems.push(
    ...orderProblems(jobId, [
      ['downloads the shard artifacts', indexOf(steps, (s) => actionOf(s) === 'actions/download-artifact')],
      [`runs pnpm ${cliScript} merge`, mergeIndex],
      [`fetches the previous ${artifactName}`, indexOf(steps, fetchesPrevious)],
      [`runs pnpm ${cliScript} compare`, compareIndex],
    ]),
  );
  if (uploadIndex < 0) problems.push(`${jobId}: no step uploads the ${artifactName} artifact`);

  let mergeOut: string | null = null;
  if (mergeIndex >= 0) {
    const step = steps[mergeIndex] as WorkflowStep;
    const out = flagValue((cliCall(step, cliScript, 'merge') as PnpmCall).args, '--out');
    mergeOut = out === null ? null : expand(out, step);
    if (mergeOut === null) problems.push(`${jobId}: pnpm ${cliScript} merge needs --out`);
  }
  if (uploadIndex >= 0 && mergeOut !== null) {
    const upload = steps[uploadIndex] as WorkflowStep;
    const uploaded = expand(String(upload.with?.path ?? ''), upload);
    if (!samePath(uploaded, mergeOut))
      problems.push(
        `${jobId}: ${artifactName} uploads ${JSON.stringify(uploaded)}, not the merge --out ${JSON.stringify(mergeOut)}`,
      );
  }
  if (compareIndex >= 0) {
    const step = steps[compareIndex] as WorkflowStep;
    const call = cliCall(step, cliScript, 'compare') as PnpmCall;
    if (!call.args.includes('--fail-on-regression'))
      problems.push(`${jobId}: pnpm ${cliScript} compare needs --fail-on-regression`);
    if (flagValue(call.args, '--format') !== 'md')
      problems.push(`${jobId}: pnpm ${cliScript} compare needs --format md for the job summary`);
    const writesSummary = (s: WorkflowStep): boolean => /\$\{?GITHUB_STEP_SUMMARY\b/.test(s.run ?? '');
    const sameStepSurvives = writesSummary(step) && (call.guarded || step['continue-on-error'] === true);
    const laterStepSurvives = steps
      .slice(compareIndex + 1)
      .some((s) => writesSummary(s) && /\b(always|failure)\(\)/.test(String(s.if ?? '')));
    if (!sameStepSurvives && !laterStepSurvives) {
      problems.push(`${jobId}: the comparison must reach $GITHUB_STEP_SUMMARY even when compare exits non-zero`);
    }
  }
  return problems;
}
