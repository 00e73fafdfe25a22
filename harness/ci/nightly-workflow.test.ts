import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkClaudeReleaseList } from './claude-release-checks.ts';
import type { CliSurface } from './cli-surface.ts';
import { readCliSurface } from './cli-surface.ts';
import { checkHistoryJob, checkPagesJob } from './history-job-checks.ts';
import { checkBenchJob, checkJobEnv, checkMergeJob } from './nightly-job-checks.ts';
import {
  checkPermissions,
  checkPinnedActions,
  checkPnpmCalls,
  checkRunScripts,
  checkTriggers,
} from './workflow-checks.ts';
import type { Workflow, WorkflowStep } from './workflow-shape.ts';
import { actionOf, parseWorkflow, stepsOf, triggersOf } from './workflow-shape.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const workflowText = readFileSync(new URL('../../.github/workflows/nightly.yml', import.meta.url), 'utf8');
const workflow = parseWorkflow(workflowText);

const runnerLabels = ['self-hosted', 'macOS', 'ARM64'];
// The Ollama server settings of the experiment the nightly run reproduces.
const ollamaEnv = {
  OLLAMA_KEEP_ALIVE: '-1',
  OLLAMA_NUM_PARALLEL: '1',
  OLLAMA_FLASH_ATTENTION: '1',
  OLLAMA_CONTEXT_LENGTH: '32768',
  OLLAMA_NUM_GPU: '99',
};
const leastPermissions = { contents: 'read', actions: 'read' } as const;
// The two jobs that need more: one pushes the night to bench-history, one deploys to Pages.
const releaseList = { input: 'claude_versions', envDefault: 'NIGHTLY_CLAUDE_VERSIONS' } as const;
const jobGrants = {
  history: { contents: 'write' },
  pages: { pages: 'write', 'id-token': 'write' },
} as const;

let surface: CliSurface;
beforeAll(async () => {
  surface = await readCliSurface(root);
});

/** Every check, as the workflow under test must pass it. */
function allProblems(w: Workflow): string[] {
  return [
    ...checkTriggers(w, 'models'),
    ...checkPinnedActions(w),
    ...checkPermissions(w, leastPermissions, jobGrants),
    ...checkRunScripts(w),
    ...checkPnpmCalls(w, surface),
    ...checkBenchJob(w, 'bench', runnerLabels),
    ...checkJobEnv(w, 'bench', ollamaEnv),
    ...checkClaudeReleaseList(w, 'bench', releaseList),
    ...checkMergeJob(w, 'merge', 'bench', 'merged-report'),
    ...checkHistoryJob(w, 'history', 'merge', 'merged-report', 'bench-history'),
    ...checkPagesJob(w, 'pages', 'history'),
  ];
}

function step(w: Workflow, jobId: string, match: (s: WorkflowStep) => boolean): WorkflowStep {
  const found = stepsOf(w.jobs[jobId]).find(match);
  if (found === undefined) throw new Error(`test set-up: no such step in ${jobId}`);
  return found;
}
const runIncludes = (text: string) => (s: WorkflowStep) => (s.run ?? '').includes(text);
const uses = (action: string) => (s: WorkflowStep) => actionOf(s) === action;
const dropStep = (w: Workflow, jobId: string, match: (s: WorkflowStep) => boolean): void => {
  const job = w.jobs[jobId];
  if (job?.steps) job.steps = job.steps.filter((s) => !match(s));
};
const editRun = (w: Workflow, jobId: string, contains: string, from: string | RegExp, to: string): void => {
  const s = step(w, jobId, runIncludes(contains));
  const edited = (s.run as string).replace(from, to);
  if (edited === s.run) throw new Error(`test set-up: "${String(from)}" not found`);
  s.run = edited;
};
const dispatch = (w: Workflow) =>
  triggersOf(w).workflow_dispatch as { inputs: Record<string, { default?: unknown; type?: unknown }> };
const setStepEnv = (w: Workflow, jobId: string, contains: string, name: string, value: string): void => {
  const s = step(w, jobId, runIncludes(contains));
  s.env = { ...s.env, [name]: value };
};

describe('the nightly workflow', () => {
  it('passes every check', () => {
    expect(allProblems(workflow)).toEqual([]);
  });

  it('benchmarks the same models on schedule as the manual run offers by default', () => {
    expect(dispatch(workflow).inputs.models?.default).toBe(workflow.env?.NIGHTLY_MODELS);
    expect(String(dispatch(workflow).inputs.repeat?.default)).toBe(String(workflow.env?.NIGHTLY_REPEAT));
    expect(dispatch(workflow).inputs.claude_versions?.default).toBe(workflow.env?.NIGHTLY_CLAUDE_VERSIONS);
  });

  it('drives the pinned and the latest Claude Code release by default, the list whole to each model job', () => {
    expect(workflow.env?.NIGHTLY_CLAUDE_VERSIONS).toBe('pinned,latest');
    expect(dispatch(workflow).inputs.claude_versions?.type).toBe('string');
    // One job per model, not per model and release: the matrix entries name a model only.
    expect(workflow.jobs.bench?.strategy?.matrix).toBe('${{ fromJSON(needs.models.outputs.matrix) }}');
    expect(workflow.jobs.models?.outputs?.claude_versions).toBe('${{ steps.matrix.outputs.claude_versions }}');
  });

  it('installs the pnpm version scripts/setup.sh pins, and setup.sh installs from the lockfile', () => {
    const setup = readFileSync(new URL('../../scripts/setup.sh', import.meta.url), 'utf8');
    const pinned = /pnpm@(\d+\.\d+\.\d+)/.exec(setup)?.[1];
    expect(pinned).toBeDefined();
    for (const jobId of ['bench', 'merge', 'history']) {
      expect(String(step(workflow, jobId, uses('pnpm/action-setup')).with?.version)).toBe(pinned);
    }
    expect(setup).toMatch(/^pnpm install --frozen-lockfile$/m);
  });
});

describe('each check catches a broken workflow', () => {
  it.each<[string, (w: Workflow) => void, RegExp]>([
    ['no schedule', (w) => delete triggersOf(w).schedule, /on\.schedule: missing/],
    [
      'a four-field cron',
      (w) => ((triggersOf(w).schedule as { cron: string }[])[0]!.cron = '17 2 * *'),
      /expected 5 fields/,
    ],
    ['no workflow_dispatch', (w) => delete triggersOf(w).workflow_dispatch, /workflow_dispatch: missing/],
    [
      'no default model list',
      (w) => delete dispatch(w).inputs.models!.default,
      /inputs\.models: needs a non-empty default/,
    ],
    [
      'an action on a branch',
      (w) => (step(w, 'bench', uses('actions/checkout')).uses = 'actions/checkout@main'),
      /"actions\/checkout@main" is not pinned/,
    ],
    [
      'an unversioned action',
      (w) => (step(w, 'merge', uses('actions/download-artifact')).uses = 'actions/download-artifact'),
      /is not pinned/,
    ],
    ['write-all permissions', (w) => (w.permissions = 'write-all'), /must list scopes explicitly/],
    [
      'contents: write',
      (w) => ((w.permissions as Record<string, string>).contents = 'write'),
      /permissions\.contents: write is more than needed/,
    ],
    [
      'no actions: read',
      (w) => delete (w.permissions as Record<string, string>).actions,
      /permissions\.actions: should be read/,
    ],
    [
      'a job granting more',
      (w) => (w.jobs.merge!.permissions = { 'pull-requests': 'write' }),
      /jobs\.merge\.permissions\.pull-requests/,
    ],
    ['no bash default', (w) => delete w.defaults, /multi-line script without shell: bash/],
    [
      'a script without set -euo pipefail',
      (w) => editRun(w, 'bench', 'ollama stop', 'set -euo pipefail\n', ''),
      /does not start with set -euo pipefail/,
    ],
    [
      'a script that is not in package.json',
      (w) => editRun(w, 'bench', '--num-ctx', 'pnpm bench', 'pnpm benchmark'),
      /"benchmark", which is not a package\.json script/,
    ],
    [
      'an unknown subcommand',
      (w) => editRun(w, 'merge', 'bench merge', 'bench merge', 'bench join'),
      /"join" is not a subcommand of pnpm bench/,
    ],
    [
      'an unknown compare flag',
      (w) => editRun(w, 'merge', 'bench compare', '--format md', '--fmt md'),
      /unknown flag --fmt/,
    ],
    [
      'an unknown bench flag',
      (w) => editRun(w, 'bench', '--num-ctx', '--num-ctx', '--context'),
      /unknown flag --context/,
    ],
    [
      'no claude_versions input',
      (w) => delete dispatch(w).inputs.claude_versions,
      /on\.workflow_dispatch\.inputs\.claude_versions: missing/,
    ],
    [
      'a manual release default other than the scheduled one',
      (w) => (dispatch(w).inputs.claude_versions!.default = 'pinned'),
      /inputs\.claude_versions: default "pinned" must be non-empty and equal env\.NIGHTLY_CLAUDE_VERSIONS \("pinned,latest"\)/,
    ],
    [
      'a release input that is not a string',
      (w) => (dispatch(w).inputs.claude_versions!.type = 'choice'),
      /inputs\.claude_versions: type must be string/,
    ],
    [
      'a bench without --claude-version',
      (w) => editRun(w, 'bench', '--num-ctx', ' --claude-version "$CLAUDE_VERSIONS"', ''),
      /bench: pnpm bench must pass --claude-version/,
    ],
    [
      'the raw input, unchecked and empty on schedule',
      (w) => setStepEnv(w, 'bench', '--num-ctx', 'CLAUDE_VERSIONS', '${{ inputs.claude_versions }}'),
      /bench: --claude-version must be the whole release list the matrix step checked .*got "\$\{\{ inputs\.claude_versions \}\}"/,
    ],
    [
      'one release per job from the matrix',
      (w) => setStepEnv(w, 'bench', '--num-ctx', 'CLAUDE_VERSIONS', '${{ matrix.claude_version }}'),
      /--claude-version must be the whole release list/,
    ],
    [
      'a matrix step without the scheduled default',
      (w) => setStepEnv(w, 'models', 'JSON.stringify', 'CLAUDE_VERSIONS', '${{ inputs.claude_versions }}'),
      /--claude-version must be the whole release list/,
    ],
    [
      'a job output no step writes',
      (w) => (w.jobs.models!.outputs!.claude_versions = '${{ steps.matrix.outputs.releases }}'),
      /--claude-version must be the whole release list/,
    ],
    [
      'a hosted runner',
      (w) => (w.jobs.bench!['runs-on'] = 'macos-14'),
      /runs-on must be exactly \[self-hosted, macOS, ARM64\]/,
    ],
    ['a missing label', (w) => (w.jobs.bench!['runs-on'] = ['self-hosted', 'macOS']), /runs-on must be exactly/],
    ['an extra label', (w) => (w.jobs.bench!['runs-on'] = [...runnerLabels, 'X64']), /runs-on must be exactly/],
    ['fail-fast left on', (w) => delete w.jobs.bench!.strategy!['fail-fast'], /fail-fast must be false/],
    ['models in parallel', (w) => (w.jobs.bench!.strategy!['max-parallel'] = 3), /max-parallel must be 1/],
    [
      'a matrix from a job it does not need',
      (w) => (w.jobs.bench!.needs = []),
      /reads needs\.models but the job does not need models/,
    ],
    [
      'a matrix without models',
      (w) => (w.jobs.bench!.strategy!.matrix = { os: ['a'] }),
      /strategy\.matrix has no model list/,
    ],
    ['no timeout', (w) => delete w.jobs.bench!['timeout-minutes'], /timeout-minutes must be a positive number/],
    ['no checkout', (w) => dropStep(w, 'bench', uses('actions/checkout')), /bench: no step that checks out/],
    ['no install', (w) => dropStep(w, 'bench', runIncludes('setup.sh')), /bench: no step that installs with pnpm/],
    [
      'setup-node before pnpm',
      (w) => dropStep(w, 'bench', uses('pnpm/action-setup')),
      /setup-node with cache: pnpm needs pnpm\/action-setup/,
    ],
    [
      'no Ollama check',
      (w) => dropStep(w, 'bench', runIncludes('/api/version')),
      /no step that checks that Ollama answers/,
    ],
    ['no pull', (w) => dropStep(w, 'bench', runIncludes('ollama pull')), /no step that pulls the matrix model/],
    [
      'a fixed model',
      (w) => editRun(w, 'bench', '--num-ctx', '--model "$MODEL"', '--model gemma4:26b'),
      /must get --model from the matrix/,
    ],
    [
      'results outside results/nightly',
      (w) => (w.jobs.bench!.env!.OUT_DIR = 'results/${{ matrix.slug }}'),
      /must write to --out results\/nightly/,
    ],
    [
      'the upload only on success',
      (w) => delete step(w, 'bench', uses('actions/upload-artifact')).if,
      /no step that uploads an artifact with if: always\(\)/,
    ],
    [
      'the upload of another folder',
      (w) => (step(w, 'bench', uses('actions/upload-artifact')).with!.path = 'results'),
      /uploads "results", not the bench's --out/,
    ],
    [
      'an artifact named after the raw model',
      (w) => (step(w, 'bench', uses('actions/upload-artifact')).with!.name = 'bench-${{ matrix.model }}'),
      /safe per-model matrix field/,
    ],
    [
      'an Ollama setting changed',
      (w) => (w.jobs.bench!.env!.OLLAMA_NUM_PARALLEL = '4'),
      /env OLLAMA_NUM_PARALLEL must be 1, got "4"/,
    ],
    [
      'an Ollama setting missing',
      (w) => delete w.jobs.bench!.env!.OLLAMA_KEEP_ALIVE,
      /env OLLAMA_KEEP_ALIVE must be -1, got undefined/,
    ],
    ['a merge that does not wait for the bench', (w) => (w.jobs.merge!.needs = ['models']), /merge: must need bench/],
    ['a merge skipped after a failed model', (w) => delete w.jobs.merge!.if, /needs if: always\(\)/],
    [
      'no shard download',
      (w) => dropStep(w, 'merge', uses('actions/download-artifact')),
      /no step that downloads the shard artifacts/,
    ],
    ['no merge --out', (w) => editRun(w, 'merge', 'bench merge', ' --out merged', ''), /pnpm bench merge needs --out/],
    [
      'no previous report',
      (w) => dropStep(w, 'merge', runIncludes('gh run download')),
      /no step that fetches the previous merged-report/,
    ],
    [
      'compare without failing',
      (w) => editRun(w, 'merge', 'bench compare', ' --fail-on-regression', ''),
      /compare needs --fail-on-regression/,
    ],
    [
      'compare as a table',
      (w) => editRun(w, 'merge', 'bench compare', '--format md', '--format table'),
      /compare needs --format md/,
    ],
    [
      'a summary lost on regression',
      (w) => editRun(w, 'merge', 'bench compare', ' || status=$?', ''),
      /must reach \$GITHUB_STEP_SUMMARY even when compare exits non-zero/,
    ],
    [
      'no merged-report upload',
      (w) => dropStep(w, 'merge', uses('actions/upload-artifact')),
      /no step uploads the merged-report artifact/,
    ],
    [
      'the upload of another merged folder',
      (w) => (step(w, 'merge', uses('actions/upload-artifact')).with!.path = 'shards'),
      /merged-report uploads "shards", not the merge --out "merged"/,
    ],
    [
      'a history job that cannot push',
      (w) => delete (w.jobs.history!.permissions as Record<string, string>).contents,
      /jobs\.history\.permissions\.contents: should be write/,
    ],
    [
      'a history job allowed to deploy pages',
      (w) => ((w.jobs.history!.permissions as Record<string, string>).pages = 'write'),
      /jobs\.history\.permissions\.pages: write is more than needed \(none\)/,
    ],
    [
      'a pages job that can write contents',
      (w) => ((w.jobs.pages!.permissions as Record<string, string>).contents = 'write'),
      /jobs\.pages\.permissions\.contents: write is more than needed/,
    ],
    [
      'a pages job without id-token',
      (w) => delete (w.jobs.pages!.permissions as Record<string, string>)['id-token'],
      /jobs\.pages\.permissions\.id-token: should be write/,
    ],
    [
      'write access for every job',
      (w) => ((w.permissions as Record<string, string>).contents = 'write'),
      /^permissions\.contents: write is more than needed/m,
    ],
    [
      'a history skipped after a regression',
      (w) => (w.jobs.history!.if = "${{ needs.merge.result == 'success' }}"),
      /history: needs if: !cancelled\(\)/,
    ],
    [
      'a history that does not wait for the merge',
      (w) => (w.jobs.history!.needs = ['bench']),
      /history: must need merge/,
    ],
    [
      'no merged report for the history',
      (w) => dropStep(w, 'history', uses('actions/download-artifact')),
      /history: no step downloads the merged-report artifact/,
    ],
    [
      'a forced push of the history',
      (w) => editRun(w, 'history', 'git -C history push', 'push origin', 'push --force origin'),
      /could rewrite bench-history; only add to it/,
    ],
    [
      'a plus refspec',
      (w) => editRun(w, 'history', 'git -C history push', '"HEAD:', '"+HEAD:'),
      /could rewrite bench-history/,
    ],
    [
      'the night never pushed',
      (w) => editRun(w, 'history', 'git -C history push', /\n\s*git -C history push[^\n]*/, ''),
      /history: no step pushes the night to the bench-history branch/,
    ],
    [
      'no history build',
      (w) => dropStep(w, 'history', runIncludes('bench history')),
      /history: no step runs pnpm bench history/,
    ],
    [
      'a history build without --out',
      (w) => editRun(w, 'history', 'bench history', ' --out site', ''),
      /pnpm bench history needs --out/,
    ],
    [
      'an unknown history flag',
      (w) => editRun(w, 'history', 'bench history', '--out site', '--output site'),
      /unknown flag --output/,
    ],
    [
      'the Pages upload of another folder',
      (w) => (step(w, 'history', uses('actions/upload-pages-artifact')).with!.path = 'history'),
      /the Pages upload sends "history", not the history --out "site"/,
    ],
    [
      'no Pages upload',
      (w) => dropStep(w, 'history', uses('actions/upload-pages-artifact')),
      /no step uploads the site with actions\/upload-pages-artifact/,
    ],
    [
      'a Pages job that does not wait for the site',
      (w) => (w.jobs.pages!.needs = ['merge']),
      /pages: must need history/,
    ],
    [
      'no deployment',
      (w) => dropStep(w, 'pages', uses('actions/deploy-pages')),
      /pages: no step uses actions\/deploy-pages/,
    ],
    [
      'another environment',
      (w) => ((w.jobs.pages!.environment as Record<string, string>).name = 'production'),
      /pages: environment must be github-pages, got "production"/,
    ],
    [
      'an environment without the page url',
      (w) => delete (w.jobs.pages!.environment as Record<string, string>).url,
      /environment\.url must be the deployment's page_url/,
    ],
    [
      'no link in the job summary',
      (w) => dropStep(w, 'pages', runIncludes('GITHUB_STEP_SUMMARY')),
      /pages: no step after the deployment writes its page_url to \$GITHUB_STEP_SUMMARY/,
    ],
  ])('flags %s', (_what, breakIt, problem) => {
    const broken = structuredClone(workflow);
    breakIt(broken);
    expect(allProblems(broken).join('\n')).toMatch(problem);
  });

  it('reports the same kind of problem in a small hand-written bad workflow', () => {
    const bad = parseWorkflow(`
on: push
permissions: write-all
jobs:
  bench:
    runs-on: macos-latest
    steps:
      - uses: actions/checkout@main
      - run: |
          pnpm instal
          pnpm bench frobnicate --out x
  merge:
    runs-on: ubuntu-latest
    steps:
      - run: pnpm bench compare a.json b.json
`);
    expect(checkTriggers(bad, 'models')).toEqual(['on.schedule: missing or empty', 'on.workflow_dispatch: missing']);
    expect(checkPinnedActions(bad)).toEqual([
      'bench: "actions/checkout@main" is not pinned to a version tag or commit sha',
    ]);
    expect(checkPermissions(bad, leastPermissions)).toEqual([
      expect.stringMatching(/^permissions: must list scopes explicitly/),
    ]);
    expect(checkRunScripts(bad)).toEqual([
      'bench: step "pnpm instal": multi-line script without shell: bash',
      'bench: step "pnpm instal": multi-line script does not start with set -euo pipefail',
    ]);
    expect(checkPnpmCalls(bad, surface)).toEqual([
      'bench: "pnpm instal" runs "instal", which is not a package.json script',
      expect.stringMatching(
        /^bench: "pnpm bench frobnicate --out x": "frobnicate" is not a subcommand of pnpm bench \(.*compare.*\)$/,
      ),
    ]);
    expect(checkBenchJob(bad, 'bench', runnerLabels)).toEqual(
      expect.arrayContaining([
        'bench: runs-on must be exactly [self-hosted, macOS, ARM64], got "macos-latest"',
        'bench: strategy.fail-fast must be false',
        'bench: strategy.matrix has no model list',
        'bench: no step that pulls the matrix model',
      ]),
    );
    expect(checkJobEnv(bad, 'bench', { OLLAMA_KEEP_ALIVE: '-1' })).toEqual([
      'bench: env OLLAMA_KEEP_ALIVE must be -1, got undefined',
    ]);
    expect(checkMergeJob(bad, 'merge', 'bench', 'merged-report')).toEqual(
      expect.arrayContaining([
        'merge: must need bench',
        'merge: pnpm bench compare needs --fail-on-regression',
        'merge: the comparison must reach $GITHUB_STEP_SUMMARY even when compare exits non-zero',
      ]),
    );
  });
});
