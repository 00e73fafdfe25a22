/**
 * Checks any workflow should pass: triggers, pinned actions, least permissions, strict bash and
 * pnpm calls that exist. Each returns a list of problems, empty when the workflow is fine.
 */
import type { CliSurface } from './cli-surface.ts';
import { cronProblem } from './cron.ts';
import { pnpmCalls } from './pnpm-calls.ts';
import type { Workflow } from './workflow-shape.ts';
import { allSteps, triggersOf } from './workflow-shape.ts';

/** A nightly `schedule` with valid crons and a `workflow_dispatch` whose `inputName` input has a default. */
export function checkTriggers(workflow: Workflow, inputName: string): string[] {
  const problems: string[] = [];
  const triggers = triggersOf(workflow);
  const schedule = triggers.schedule;
  if (!Array.isArray(schedule) || schedule.length === 0) problems.push('on.schedule: missing or empty');
  else {
    for (const entry of schedule as unknown[]) {
      const cron = (entry as { cron?: unknown } | null)?.cron;
      const problem = typeof cron === 'string' ? cronProblem(cron) : 'no cron string';
      if (problem !== null) problems.push(`on.schedule: "${String(cron)}": ${problem}`);
    }
  }
  if (!('workflow_dispatch' in triggers)) problems.push('on.workflow_dispatch: missing');
  else {
    const inputs = (triggers.workflow_dispatch as { inputs?: Record<string, { default?: unknown }> } | null)?.inputs;
    const input = inputs?.[inputName];
    if (input === undefined) problems.push(`on.workflow_dispatch.inputs.${inputName}: missing`);
    else if (typeof input.default !== 'string' || input.default.trim() === '') {
      problems.push(`on.workflow_dispatch.inputs.${inputName}: needs a non-empty default`);
    }
  }
  return problems;
}

const pinnedRef = /@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/;

/** Every `uses:` names a version tag (v4, v4.2.2) or a full commit sha; local actions are fine. */
export function checkPinnedActions(workflow: Workflow): string[] {
  const uses = [
    ...Object.entries(workflow.jobs).flatMap(([jobId, job]) =>
      job.uses === undefined ? [] : [{ jobId, uses: job.uses }],
    ),
    ...allSteps(workflow).flatMap(({ jobId, step }) => (step.uses === undefined ? [] : [{ jobId, uses: step.uses }])),
  ];
  return uses
    .filter(
      ({ uses: u }) =>
        !u.startsWith('./') && !(u.startsWith('docker://') && /@sha256:[0-9a-f]{64}$/.test(u)) && !pinnedRef.test(u),
    )
    .map(({ jobId, uses: u }) => `${jobId}: "${u}" is not pinned to a version tag or commit sha`);
}

type Access = 'read' | 'write' | 'none';
const rank: Record<Access, number> = { none: 0, read: 1, write: 2 };

function permissionProblems(where: string, permissions: unknown, allowed: Readonly<Record<string, Access>>): string[] {
  if (typeof permissions !== 'object' || permissions === null || Array.isArray(permissions)) {
    return [
      `${where}: must list scopes explicitly, not ${JSON.stringify(permissions ?? 'the default token permissions')}`,
    ];
  }
  const problems: string[] = [];
  for (const [scope, level] of Object.entries(permissions)) {
    const limit = allowed[scope] ?? 'none';
    if (!(level in rank)) problems.push(`${where}.${scope}: unknown access "${String(level)}"`);
    else if (rank[level as Access] > rank[limit])
      problems.push(`${where}.${scope}: ${String(level)} is more than needed (${limit})`);
  }
  return problems;
}

/**
 * Top-level permissions grant exactly `required` (and job-level ones no more): the token can do
 * no more than the workflow needs. A job named in `jobGrants` must list exactly its grants there
 * (a job's permissions replace the top-level ones), e.g. `contents: write` for the one job that pushes.
 */
export function checkPermissions(
  workflow: Workflow,
  required: Readonly<Record<string, Access>>,
  jobGrants: Readonly<Record<string, Readonly<Record<string, Access>>>> = {},
): string[] {
  const problems = permissionProblems('permissions', workflow.permissions, required);
  problems.push(...missingGrants('permissions', workflow.permissions, required));
  for (const [jobId, job] of Object.entries(workflow.jobs)) {
    const grants = jobGrants[jobId];
    if (grants !== undefined) {
      const where = `jobs.${jobId}.permissions`;
      problems.push(
        ...permissionProblems(where, job.permissions, grants),
        ...missingGrants(where, job.permissions, grants),
      );
    } else if (job.permissions !== undefined)
      problems.push(...permissionProblems(`jobs.${jobId}.permissions`, job.permissions, required));
  }
  return problems;
}

function missingGrants(where: string, granted: unknown, wanted: Readonly<Record<string, Access>>): string[] {
  if (typeof granted !== 'object' || granted === null || Array.isArray(granted)) return [];
  return Object.entries(wanted)
    .filter(([scope, level]) => (granted as Record<string, unknown>)[scope] !== level)
    .map(([scope, level]) => `${where}.${scope}: should be ${level}`);
}

/** Multi-line `run:` scripts run in bash and begin with `set -euo pipefail`. */
export function checkRunScripts(workflow: Workflow): string[] {
  const problems: string[] = [];
  for (const { jobId, job, step } of allSteps(workflow)) {
    if (typeof step.run !== 'string') continue;
    const lines = step.run
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));
    if (lines.length < 2) continue;
    const label = `${jobId}: step "${step.name ?? step.id ?? lines[0]}"`;
    const shell = step.shell ?? job.defaults?.run?.shell ?? workflow.defaults?.run?.shell;
    if (shell !== 'bash') problems.push(`${label}: multi-line script without shell: bash`);
    if (lines[0] !== 'set -euo pipefail')
      problems.push(`${label}: multi-line script does not start with set -euo pipefail`);
  }
  return problems;
}

/**
 * Every `pnpm <script>` names a package.json script; calls of the CLI script name a subcommand the
 * CLI knows (or start with a flag) and pass only flags that command parses.
 */
export function checkPnpmCalls(workflow: Workflow, surface: CliSurface): string[] {
  const problems: string[] = [];
  for (const { jobId, step } of allSteps(workflow)) {
    if (typeof step.run !== 'string') continue;
    for (const call of pnpmCalls(step.run)) {
      if (call.builtin) continue;
      if (!surface.scripts.has(call.name)) {
        problems.push(`${jobId}: "${call.text}" runs "${call.name}", which is not a package.json script`);
        continue;
      }
      if (call.name !== surface.cliScript) continue;
      const [first, ...rest] = call.args;
      let flags: ReadonlySet<string> = surface.benchFlags;
      let args = call.args;
      if (first !== undefined && !first.startsWith('-')) {
        const known = surface.subcommands.get(first);
        if (known === undefined) {
          problems.push(
            `${jobId}: "${call.text}": "${first}" is not a subcommand of pnpm ${call.name} (${[...surface.subcommands.keys()].join(', ')})`,
          );
          continue;
        }
        flags = known;
        args = rest;
      }
      for (const arg of args) {
        const flag = /^--([\w-]+)/.exec(arg)?.[1];
        if (flag !== undefined && !flags.has(flag)) problems.push(`${jobId}: "${call.text}": unknown flag --${flag}`);
      }
    }
  }
  return problems;
}
