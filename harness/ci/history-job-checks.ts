/**
 * Checks of the nightly workflow's history jobs: keeping each merged report on a branch that is
 * only ever added to, rebuilding the history site, and publishing it to GitHub Pages with the
 * job summary linking to it. Each returns problems, empty when fine.
 */
import type { PnpmCall } from './pnpm-calls.ts';
import { pnpmCalls } from './pnpm-calls.ts';
import { shellCommands } from './shell-commands.ts';
import type { Workflow, WorkflowJob, WorkflowStep } from './workflow-shape.ts';
import { actionOf, expandEnv, flagValue, needsOf, stepsOf } from './workflow-shape.ts';

const samePath = (a: string, b: string): boolean => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

function historyCall(step: WorkflowStep, cliScript: string): PnpmCall | undefined {
  return pnpmCalls(step.run ?? '').find((c) => !c.builtin && c.name === cliScript && c.args[0] === 'history');
}

/** The `git push` commands of a step, as word lists (env expanded). */
function gitPushes(step: WorkflowStep, expand: (text: string) => string): string[][] {
  return shellCommands(step.run ?? '')
    .map(({ words }) => words.map(expand))
    .filter((words) => words[0] === 'git' && words.includes('push'));
}

const forcing = (words: readonly string[]): boolean =>
  words.some((w) => /^(--force(-with-lease)?(=.*)?|-f|--mirror|--delete|-d)$/.test(w) || w.startsWith('+'));

function pushProblems(jobId: string, steps: readonly WorkflowStep[], branch: string, expand: Expander): string[] {
  const pushes = steps.flatMap((s) => gitPushes(s, (t) => expand(t, s)));
  const toBranch = pushes.filter((w) => w.some((word) => word.endsWith(`refs/heads/${branch}`) || word === branch));
  if (toBranch.length === 0) return [`${jobId}: no step pushes the night to the ${branch} branch`];
  return toBranch.filter(forcing).map((w) => `${jobId}: "${w.join(' ')}" could rewrite ${branch}; only add to it`);
}

type Expander = (text: string, step?: WorkflowStep) => string;

function buildProblems(jobId: string, steps: readonly WorkflowStep[], cliScript: string, expand: Expander): string[] {
  const buildIndex = steps.findIndex((s) => historyCall(s, cliScript) !== undefined);
  const uploadIndex = steps.findIndex((s) => actionOf(s) === 'actions/upload-pages-artifact');
  const problems: string[] = [];
  if (buildIndex < 0) problems.push(`${jobId}: no step runs pnpm ${cliScript} history`);
  if (uploadIndex < 0) problems.push(`${jobId}: no step uploads the site with actions/upload-pages-artifact`);
  if (buildIndex < 0 || uploadIndex < 0) return problems;
  if (uploadIndex < buildIndex) problems.push(`${jobId}: the Pages upload must come after the history build`);
  const step = steps[buildIndex] as WorkflowStep;
  const out = flagValue((historyCall(step, cliScript) as PnpmCall).args, '--out');
  if (out === null) return [...problems, `${jobId}: pnpm ${cliScript} history needs --out`];
  const upload = steps[uploadIndex] as WorkflowStep;
  const uploaded = expand(String(upload.with?.path ?? ''), upload);
  if (!samePath(uploaded, expand(out, step)))
    problems.push(
      `${jobId}: the Pages upload sends ${JSON.stringify(uploaded)}, not the history --out ${JSON.stringify(out)}`,
    );
  return problems;
}

/**
 * The history job: runs after the merge job even when it failed (a regression night is kept too),
 * downloads `artifactName`, pushes it to `branch` without ever forcing, then builds the site with
 * `pnpm <cliScript> history … --out DIR` and uploads DIR with actions/upload-pages-artifact.
 */
export function checkHistoryJob(
  workflow: Workflow,
  jobId: string,
  mergeJobId: string,
  artifactName: string,
  branch: string,
  cliScript = 'bench',
): string[] {
  const job = workflow.jobs[jobId];
  if (job === undefined) return [`no job "${jobId}"`];
  const problems: string[] = [];
  if (!needsOf(job).includes(mergeJobId)) problems.push(`${jobId}: must need ${mergeJobId}`);
  if (!/(\balways\(\)|!\s*cancelled\(\))/.test(String(job.if ?? '')))
    problems.push(`${jobId}: needs if: !cancelled() (or always()) so a regression night is kept too`);
  const steps = stepsOf(job);
  const expand: Expander = (text, step) => expandEnv(text, workflow, job as WorkflowJob, step);
  const download = steps.findIndex((s) => actionOf(s) === 'actions/download-artifact' && s.with?.name === artifactName);
  if (download < 0) problems.push(`${jobId}: no step downloads the ${artifactName} artifact`);
  problems.push(...pushProblems(jobId, steps, branch, expand), ...buildProblems(jobId, steps, cliScript, expand));
  return problems;
}

/**
 * The Pages job: needs the history job, deploys with actions/deploy-pages into the github-pages
 * environment whose url is the deployment's page_url, and writes that url to the job summary.
 */
export function checkPagesJob(workflow: Workflow, jobId: string, historyJobId: string): string[] {
  const job = workflow.jobs[jobId];
  if (job === undefined) return [`no job "${jobId}"`];
  const problems: string[] = [];
  if (!needsOf(job).includes(historyJobId)) problems.push(`${jobId}: must need ${historyJobId}`);
  const steps = stepsOf(job);
  const deployIndex = steps.findIndex((s) => actionOf(s) === 'actions/deploy-pages');
  const deploy = steps[deployIndex];
  if (deploy === undefined) return [...problems, `${jobId}: no step uses actions/deploy-pages`];
  if (deploy.id === undefined)
    return [...problems, `${jobId}: the actions/deploy-pages step needs an id for its page_url`];
  const pageUrl = new RegExp(`steps\\.${deploy.id}\\.outputs\\.page_url`);
  const environment = job.environment as { name?: unknown; url?: unknown } | string | undefined;
  const envName = typeof environment === 'string' ? environment : environment?.name;
  if (envName !== 'github-pages')
    problems.push(`${jobId}: environment must be github-pages, got ${JSON.stringify(envName)}`);
  if (typeof environment !== 'object' || !pageUrl.test(String(environment.url ?? '')))
    problems.push(`${jobId}: environment.url must be the deployment's page_url (steps.${deploy.id}.outputs.page_url)`);
  const links = steps.slice(deployIndex + 1).some((s) => {
    const text = `${s.run ?? ''} ${JSON.stringify(s.env ?? {})}`;
    return /\$\{?GITHUB_STEP_SUMMARY\b/.test(s.run ?? '') && pageUrl.test(text);
  });
  if (!links) problems.push(`${jobId}: no step after the deployment writes its page_url to $GITHUB_STEP_SUMMARY`);
  return problems;
}
