/**
 * Runs the workflow's own bash for the matrix, merge and compare steps on this machine, with the
 * GitHub files ($GITHUB_OUTPUT, $GITHUB_STEP_SUMMARY) pointed at temporary files and `pnpm bench`
 * standing in for pnpm through a shim that runs the bench script of package.json.
 */
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBenchArgs, safeName } from '../cli/parse-bench-args.ts';
import { parseClaudeVersionSpecs, specLabel } from '../modes/agent/claude-releases/version-spec.ts';
import { runKey } from '../modes/plan.ts';
import { compareReports, hasRegression } from '../report/compare.ts';
import { atLevel, sampleEnvironment, sampleReport, sampleRun } from '../report/test-kit/sample-runs.ts';
import { validateReport } from '../report/validate.ts';
import { pnpmCalls } from './pnpm-calls.ts';
import type { WorkflowStep } from './workflow-shape.ts';
import { parseWorkflow, stepsOf } from './workflow-shape.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const workflow = parseWorkflow(await readFile(path.join(root, '.github/workflows/nightly.yml'), 'utf8'));
const fixtureText = await readFile(path.join(root, 'fixtures/reports/sample-report.fixture.json'), 'utf8');

function runOf(jobId: string, match: (s: WorkflowStep) => boolean): string {
  const run = stepsOf(workflow.jobs[jobId]).find(match)?.run;
  if (run === undefined) throw new Error(`test set-up: no such step in ${jobId}`);
  return run;
}
const callsSubcommand = (sub: string) => (s: WorkflowStep) =>
  pnpmCalls(s.run ?? '').some((c) => c.name === 'bench' && c.args[0] === sub);

let scratch: string;
let shimDir: string;
beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'nightly-steps-'));
  shimDir = path.join(scratch, 'bin');
  await mkdir(shimDir);
  // `pnpm [--silent] bench …` → the bench script of package.json, run from the repository.
  const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const [bin, ...scriptArgs] = (pkg.scripts.bench as string).split(/\s+/);
  const command = [path.join(root, 'node_modules/.bin', bin as string), ...scriptArgs.map((a) => path.join(root, a))];
  await writeFile(
    path.join(shimDir, 'pnpm'),
    `#!/usr/bin/env bash\nif [ "\${1:-}" = --silent ]; then shift; fi\nif [ "\${1:-}" != bench ]; then echo "pnpm shim: only bench, got $*" >&2; exit 127; fi\nshift\nexec ${command.map((c) => `'${c}'`).join(' ')} "$@"\n`,
  );
  await chmod(path.join(shimDir, 'pnpm'), 0o755);
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

let stepCount = 0;
/** Runs a step's script as GitHub does (bash -eo pipefail, file argument) in a fresh folder. */
async function runStep(
  script: string,
  env: Record<string, string>,
  files: Record<string, string> = {},
  prepare: (dir: string) => Promise<void> = async () => {},
) {
  stepCount += 1;
  const dir = path.join(scratch, `step-${stepCount}`);
  await mkdir(dir, { recursive: true });
  await prepare(dir);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  await mkdir(dir, { recursive: true });
  const scriptFile = path.join(dir, 'step.sh');
  await writeFile(scriptFile, script);
  const output = path.join(dir, 'github-output');
  const summary = path.join(dir, 'step-summary');
  await writeFile(output, '');
  await writeFile(summary, '');
  const result = await execa('bash', ['--noprofile', '--norc', '-eo', 'pipefail', scriptFile], {
    cwd: dir,
    reject: false,
    env: {
      ...env,
      PATH: `${shimDir}${path.delimiter}${process.env.PATH ?? ''}`,
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summary,
    },
  });
  return {
    exitCode: result.exitCode,
    stdout: String(result.stdout),
    stderr: String(result.stderr),
    output: await readFile(output, 'utf8'),
    summary: await readFile(summary, 'utf8'),
    read: (name: string) => readFile(path.join(dir, name), 'utf8'),
  };
}

/** The value of `name=…` in a $GITHUB_OUTPUT file, or undefined. */
const outputValue = (output: string, name: string): string | undefined =>
  output
    .split('\n')
    .find((l) => l.startsWith(`${name}=`))
    ?.slice(name.length + 1);

describe('the model matrix step', () => {
  const script = runOf('models', (s) => s.id === 'matrix');
  const releases = String(workflow.env?.NIGHTLY_CLAUDE_VERSIONS);
  const matrixOf = (output: string): { model: string; slug: string }[] =>
    (JSON.parse(outputValue(output, 'matrix') ?? 'null') as { include: { model: string; slug: string }[] }).include;

  it('gives every nightly model a slug equal to the harness folder name, safe for artifact names', async () => {
    const models = String(workflow.env?.NIGHTLY_MODELS);
    const { exitCode, output } = await runStep(script, { MODELS: models, CLAUDE_VERSIONS: releases });
    expect(exitCode).toBe(0);
    const include = matrixOf(output);
    expect(include.map((e) => e.model)).toEqual(models.split(','));
    for (const { model, slug } of include) {
      expect(slug).toBe(safeName(model));
      expect(slug).toMatch(/^[A-Za-z0-9._-]+$/);
    }
    expect(new Set(include.map((e) => e.slug)).size).toBe(include.length);
  });

  it('trims names, drops empty entries and duplicates, and keeps the order', async () => {
    const { exitCode, output } = await runStep(script, {
      MODELS: ' qwen3-coder:30b , hf.co/org/m:Q4 ,, qwen3-coder:30b',
      CLAUDE_VERSIONS: releases,
    });
    expect(exitCode).toBe(0);
    expect(matrixOf(output)).toEqual([
      { model: 'qwen3-coder:30b', slug: safeName('qwen3-coder:30b') },
      { model: 'hf.co/org/m:Q4', slug: safeName('hf.co/org/m:Q4') },
    ]);
  });

  it.each([
    [' , ', /No models given/],
    ['gemma4:26b,bad"name', /Not an Ollama model name: bad"name/],
    ['a:b,a-b', /a:b and a-b would share the artifact name bench-a-b/],
  ])('fails on %j with a message and no matrix', async (models, message) => {
    const { exitCode, stderr, output } = await runStep(script, { MODELS: models, CLAUDE_VERSIONS: releases });
    expect(exitCode).not.toBe(0);
    expect(stderr).toMatch(message);
    expect(output).toBe('');
  });

  // The harness's own parser decides what each value should give: the step must agree with it.
  it.each(['pinned', '2.1.85,pinned', ' 2.1.85 , latest ', 'v2.1.85', '3.0.0-beta.1,pinned,latest'])(
    'hands on %j as the harness reads it, in the same order',
    async (value) => {
      const parsed = parseClaudeVersionSpecs(value);
      expect(parsed.ok).toBe(true);
      const { exitCode, output } = await runStep(script, { MODELS: 'gemma4:26b', CLAUDE_VERSIONS: value });
      expect(exitCode).toBe(0);
      expect(outputValue(output, 'claude_versions')).toBe(parsed.ok ? parsed.specs.map(specLabel).join(',') : null);
    },
  );

  it.each([
    ['2.1', /Not a Claude Code release: "2\.1"/],
    ['^2.1.85,pinned', /Not a Claude Code release: "\^2\.1\.85"/],
    ['pinned,next', /Not a Claude Code release: "next"/],
    ['2.1.85,,pinned', /Not a Claude Code release: ""/],
    ['pinned;latest', /Not a Claude Code release: "pinned;latest"/],
    [' ', /No Claude Code release given/],
  ])('refuses %j as the harness would, with one line that says what to pass', async (value, message) => {
    expect(parseClaudeVersionSpecs(value).ok).toBe(false);
    const { exitCode, stderr, output } = await runStep(script, { MODELS: 'gemma4:26b', CLAUDE_VERSIONS: value });
    expect(exitCode).not.toBe(0);
    const lines = stderr.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^::error::/);
    expect(lines[0]).toMatch(message);
    expect(lines[0]).toContain(
      'pass exact versions (2.1.85), pinned or latest, comma-separated, such as 2.1.85,pinned.',
    );
    expect(output).toBe('');
  });
});

describe('the bench step', () => {
  const bench = workflow.jobs.bench;
  const script = runOf('bench', (s) =>
    pnpmCalls(s.run ?? '').some((c) => c.name === 'bench' && c.args[0] === '--model'),
  );

  it('passes the checked release list to the harness, which reads every release of it', async () => {
    const checked = await runStep(
      runOf('models', (s) => s.id === 'matrix'),
      {
        MODELS: 'gemma4:26b,qwen3-coder:30b',
        CLAUDE_VERSIONS: '2.1.85, pinned',
      },
    );
    const list = outputValue(checked.output, 'claude_versions') as string;
    expect(list).toBe('2.1.85,pinned');
    // A pnpm that writes down its arguments, one per line, instead of benchmarking.
    const recorder = path.join(scratch, 'recording-bin');
    await mkdir(recorder, { recursive: true });
    await writeFile(path.join(recorder, 'pnpm'), '#!/usr/bin/env bash\nprintf \'%s\\n\' "$@" >pnpm-args\n');
    await chmod(path.join(recorder, 'pnpm'), 0o755);
    const step = await runStep(`export PATH=${recorder}:"$PATH"\n${script}`, {
      ...(Object.fromEntries(Object.entries(bench?.env ?? {}).map(([k, v]) => [k, String(v)])) as Record<
        string,
        string
      >),
      MODEL: 'gemma4:26b',
      OUT_DIR: 'results/nightly/gemma4-26b',
      REPEAT: String(workflow.env?.NIGHTLY_REPEAT),
      CLAUDE_VERSIONS: list,
    });
    expect(step.exitCode).toBe(0);
    const [name, ...argv] = (await step.read('pnpm-args')).split('\n').slice(0, -1);
    expect(name).toBe('bench');
    const { settings } = parseBenchArgs(argv);
    expect(settings.claudeVersions).toEqual(['2.1.85', 'pinned']);
    expect(settings.models).toEqual(['gemma4:26b']);
    expect(settings.modes).toContain('agent');
  });
});

/**
 * One model's shard from the Mac as the bench job leaves it with `--claude-version` listing
 * `releases`: a raw run, and an agent run per release (level 6 unless `levels` says otherwise).
 */
function releaseShard(model: string, releases: readonly string[], levels: Record<string, 4 | 6> = {}): string {
  const agent = releases.map((claudeCode) => {
    const run = sampleRun({
      id: runKey({ model, task: 'lru-cache', mode: 'agent', claudeCode, attempt: 1, rescue: false }),
      model,
      mode: 'agent',
      claudeCode,
    });
    return levels[claudeCode] === 4 ? atLevel(run, 4, 'param_name') : run;
  });
  const raw = sampleRun({
    id: runKey({ model, task: 'lru-cache', mode: 'raw', claudeCode: null, attempt: 1, rescue: false }),
    model,
  });
  const claudeCode = releases.map((version) => ({ version, path: `/cache/${version}/claude`, unsupported: [] }));
  return JSON.stringify(sampleReport([raw, ...agent], { environment: sampleEnvironment({ host: 'mac', claudeCode }) }));
}

const hasJq = (() => {
  try {
    execFileSync('jq', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.runIf(hasJq)('the merge step (needs jq, as on GitHub-hosted runners)', () => {
  const script = runOf('merge', callsSubcommand('merge'));
  const matrix = JSON.stringify({
    include: [
      { model: 'sim:present', slug: 'sim-present' },
      { model: 'sim:crashed', slug: 'sim-crashed' },
    ],
  });

  it('merges the shards that exist and names the models without a report in the summary', async () => {
    const step = await runStep(script, { MATRIX: matrix }, { 'shards/bench-sim-present/report.json': fixtureText });
    expect(step.exitCode).toBe(0);
    expect(step.summary).toContain('**No report from:** sim:crashed');
    const merged = validateReport(JSON.parse(await step.read('merged/report.json')), 'merged');
    expect(merged.runs).toHaveLength((JSON.parse(fixtureText) as { runs: unknown[] }).runs.length);
  });

  it('keeps every Claude Code release of every model job, one group per model and release', async () => {
    const releases = ['2.1.85', '2.1.328'];
    const step = await runStep(
      script,
      { MATRIX: matrix },
      {
        'shards/bench-sim-present/report.json': releaseShard('sim:present', releases),
        'shards/bench-sim-crashed/report.json': releaseShard('sim:crashed', releases, { '2.1.85': 4 }),
      },
    );
    expect(step.exitCode).toBe(0);
    const merged = validateReport(JSON.parse(await step.read('merged/report.json')), 'merged');
    expect(merged.environment.claudeCode.map((c) => c.version)).toEqual(releases);
    // The same list in every job: no setting differs between the shards.
    expect(merged.settings.shards).toBeUndefined();
    const agentGroups = merged.summary
      .filter((g) => g.mode === 'agent')
      .map((g) => `${g.model} under ${g.claudeCode}: level 4 ×${g.levels[4]}, level 6 ×${g.levels[6]}`)
      .sort();
    expect(agentGroups).toEqual([
      'sim:crashed under 2.1.328: level 4 ×0, level 6 ×1',
      'sim:crashed under 2.1.85: level 4 ×1, level 6 ×0',
      'sim:present under 2.1.328: level 4 ×0, level 6 ×1',
      'sim:present under 2.1.85: level 4 ×0, level 6 ×1',
    ]);
  });

  it('fails when no model produced a report', async () => {
    const step = await runStep(script, { MATRIX: matrix });
    expect(step.exitCode).not.toBe(0);
    expect(step.stdout).toMatch(/::error::No model produced a report\.json/);
  });
});

describe('the compare step', () => {
  const script = runOf('merge', callsSubcommand('compare'));
  const baselineUrl = 'https://github.example/o/r/actions/runs/42';
  // The fixture with one run worse: level 6 → 2 and decode speed down by two thirds. The runs are
  // the record, so that is what is edited; the stored summary is left as it was.
  const regressed = (() => {
    const report = validateReport(fixtureText, 'fixture');
    const runs = report.runs.map((run) =>
      run.id === 'sim-correct__lru-cache__raw__a1'
        ? atLevel({ ...run, metrics: { ...run.metrics, decodeTokensPerSec: 96.9 / 3 } }, 2, 'unknown_tool')
        : run,
    );
    return JSON.stringify({ ...report, runs });
  })();

  it('uses a head report that really regresses against the baseline', () => {
    const base = validateReport(JSON.parse(fixtureText), 'base');
    expect(hasRegression(compareReports(base, validateReport(JSON.parse(regressed), 'head')))).toBe(true);
    expect(hasRegression(compareReports(base, base))).toBe(false);
  });

  it('writes the comparison to the summary and passes when nothing regressed', async () => {
    const step = await runStep(
      script,
      { FAIL_ON_REGRESSION: 'true', BASELINE_URL: baselineUrl },
      { 'previous/report.json': fixtureText, 'merged/report.json': fixtureText },
    );
    expect(step.exitCode).toBe(0);
    const comparison = await step.read('merged/comparison.md');
    expect(comparison).toMatch(/0 regression/);
    expect(step.summary).toContain(comparison.trim());
    expect(step.summary).toContain(baselineUrl);
  });

  it('writes the summary and then fails the step on a regression', async () => {
    const step = await runStep(
      script,
      { FAIL_ON_REGRESSION: 'true', BASELINE_URL: baselineUrl },
      { 'previous/report.json': fixtureText, 'merged/report.json': regressed },
    );
    expect(step.exitCode).toBe(1);
    const comparison = await step.read('merged/comparison.md');
    expect(comparison).toMatch(/\| regression \|/);
    expect(step.summary).toContain(comparison.trim());
    expect(step.stdout).toMatch(/::error::Regressions/);
  });

  it('only warns about a regression when fail_on_regression is off', async () => {
    const step = await runStep(
      script,
      { FAIL_ON_REGRESSION: 'false', BASELINE_URL: baselineUrl },
      { 'previous/report.json': fixtureText, 'merged/report.json': regressed },
    );
    expect(step.exitCode).toBe(0);
    expect(step.summary).toMatch(/\| regression \|/);
    expect(step.stdout).toMatch(/::warning::Regressions found/);
  });

  it('reports a level change that came with a new Claude Code release as such, and passes', async () => {
    // Last night `latest` was 2.1.330; tonight it is 2.1.332, and the model drops to level 4 under it.
    const step = await runStep(
      script,
      { FAIL_ON_REGRESSION: 'true', BASELINE_URL: baselineUrl },
      {
        'previous/report.json': releaseShard('sim:m', ['2.1.328', '2.1.330']),
        'merged/report.json': releaseShard('sim:m', ['2.1.328', '2.1.332'], { '2.1.332': 4 }),
      },
    );
    expect(step.exitCode).toBe(0);
    const comparison = await step.read('merged/comparison.md');
    expect(comparison).toMatch(/0 regression\(s\), 1 Claude Code change\(s\)/);
    expect(comparison).toContain('Claude Code 2.1.330 → 2.1.332');
    expect(step.summary).toContain(comparison.trim());
  });

  it('passes with the reason in the summary when the baseline cannot be read, so the next night has one', async () => {
    const step = await runStep(
      script,
      { FAIL_ON_REGRESSION: 'true', BASELINE_URL: baselineUrl },
      { 'previous/report.json': '{"truncated', 'merged/report.json': fixtureText },
    );
    expect(step.exitCode).toBe(0);
    expect(step.summary).toMatch(/The comparison did not run:[\s\S]*previous\/report\.json is not valid JSON/);
    expect(step.stdout).toMatch(/::warning::The baseline report cannot be read/);
  });
});

describe.runIf(hasJq)('the history steps (needs jq and git, as on GitHub-hosted runners)', () => {
  const keep = runOf('history', (s) => (s.run ?? '').includes('git -C history push'));
  const build = runOf('history', callsSubcommand('history'));
  const branch = String(workflow.jobs.history?.env?.HISTORY_BRANCH);
  let origin: string;
  const git = (cwd: string, ...args: string[]) => execa('git', args, { cwd });
  // A fresh checkout of the default branch, its origin a local bare repository (as actions/checkout leaves it).
  const checkout = async (dir: string) => {
    await git(dir, 'clone', '-q', origin, '.');
  };
  const night = (startedAt: string) => JSON.stringify({ ...JSON.parse(fixtureText), startedAt });
  const keepNight = (runId: string, startedAt: string) =>
    runStep(keep, { HISTORY_BRANCH: branch, RUN_ID: runId }, { 'merged/report.json': night(startedAt) }, checkout);
  const onBranch = async () =>
    (await git(origin, 'ls-tree', '-r', '--name-only', branch)).stdout.split('\n').filter((l) => l !== '');

  beforeAll(async () => {
    origin = path.join(scratch, 'origin.git');
    const seed = path.join(scratch, 'seed');
    await execa('git', ['init', '-q', '--bare', '-b', 'main', origin]);
    await mkdir(seed);
    await git(seed, 'init', '-q', '-b', 'main');
    await writeFile(path.join(seed, 'README.md'), 'bench\n');
    await git(seed, 'add', 'README.md');
    await git(seed, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'main');
    await git(seed, 'push', '-q', origin, 'main');
  });

  it('creates the branch with the first night, then adds each night as a new file on top', async () => {
    expect(branch).toBe('bench-history');
    const first = await keepNight('101', '2026-04-07T02:17:00.000Z');
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toContain(`First night kept: creating the ${branch} branch.`);
    expect(first.summary).toContain('Kept as nights/2026-04-07-run101.report.json');
    const second = await keepNight('102', '2026-04-08T02:17:00.000Z');
    expect(second.exitCode).toBe(0);
    expect(await onBranch()).toEqual(['nights/2026-04-07-run101.report.json', 'nights/2026-04-08-run102.report.json']);
    const log = (await git(origin, 'log', '--format=%s', branch)).stdout.split('\n');
    expect(log).toEqual(['Night 2026-04-08 (run 102)', 'Night 2026-04-07 (run 101)']);
    const kept = (await git(origin, 'show', `${branch}:nights/2026-04-07-run101.report.json`)).stdout;
    expect(JSON.parse(kept).startedAt).toBe('2026-04-07T02:17:00.000Z');
  });

  it('refuses to write a night that is already kept, and leaves the branch as it was', async () => {
    const before = (await git(origin, 'rev-parse', branch)).stdout;
    const again = await keepNight('101', '2026-04-07T02:17:00.000Z');
    expect(again.exitCode).not.toBe(0);
    expect(again.stdout).toMatch(/::error::nights\/2026-04-07-run101\.report\.json is already on bench-history/);
    expect((await git(origin, 'rev-parse', branch)).stdout).toBe(before);
  });

  it('builds the site from the kept nights with the command the workflow runs', async () => {
    const step = await runStep(build, {}, {}, async (dir) => {
      await git(dir, 'clone', '-q', '--branch', branch, origin, 'history');
    });
    expect(step.stderr).toBe('');
    expect(step.exitCode).toBe(0);
    expect(step.stdout).toMatch(/^History of 2 night\(s\), \d+ runs → site\/index\.html/);
    const history = JSON.parse(await step.read('site/history.json')) as { nights: { id: string }[] };
    expect(history.nights.map((n) => n.id)).toEqual(['2026-04-07', '2026-04-08']);
  });
});
