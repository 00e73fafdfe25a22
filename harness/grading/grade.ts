import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from '../core/context.ts';
import type { TaskDefinition } from '../tasks/types.ts';
import { runPytest } from './pytest.ts';
import { graderEnv } from './sandbox-env.ts';
import { isTestFileName } from './sort-blocks.ts';
import type { Grade, PytestRun } from './types.ts';
import { copyDir, createWorkspace, listPythonFiles, removeWorkspace } from './workspace.ts';

/** Directory the hidden reference suite is copied to inside the grading directory. */
export const referenceDirName = '_reference_tests';

const CONFIG_FILES = ['pytest.ini', 'pyproject.toml', 'tox.ini', 'setup.cfg'];

export interface GradeOptions {
  task: Pick<TaskDefinition, 'referenceDir' | 'implementationClassHint'>;
  /** The model's files (raw mode: the extracted files; agent mode: its workspace). */
  sourceDir: string;
  /** Grader Python (resolveGraderPython). */
  python: string;
  /** Receives pytest-model.txt, junit-model.xml, pytest-reference.txt, junit-reference.xml. */
  outDir: string;
  /** Per pytest run. */
  timeoutSec: number;
  clock?: Clock;
}

/**
 * Grade the model's files: copy them into a fresh directory, run the model's own tests
 * (`test_*.py` / `*_test.py` it wrote), then copy the task's hidden reference suite in as
 * `_reference_tests/` and run it against the same files. Failing tests, missing files, crashes
 * and timeouts are results, not exceptions.
 */
export async function gradeFiles(options: GradeOptions): Promise<Grade> {
  await mkdir(options.outDir, { recursive: true });
  const dir = await createWorkspace('bench-grade-');
  try {
    if (await isDirectory(options.sourceDir)) await copyDir(options.sourceDir, dir);
    await rm(path.join(dir, referenceDirName), { recursive: true, force: true });
    const harnessDir = path.join(dir, '.harness');
    await mkdir(path.join(harnessDir, 'home'), { recursive: true });
    await mkdir(path.join(harnessDir, 'tmp'), { recursive: true });
    // An empty config stops pytest from picking up an ini file above the temp directory.
    const emptyIni = path.join(harnessDir, 'pytest.ini');
    await writeFile(emptyIni, '[pytest]\n');
    // The reference conftest reads these: where the model's files are, which class to prefer.
    const env = graderEnv(dir, {
      GRADER_WORKSPACE: dir,
      ...(options.task.implementationClassHint ? { GRADER_CLASS_HINT: options.task.implementationClassHint } : {}),
    });
    const timeoutMs = options.timeoutSec * 1000;
    const clock = options.clock;

    const modelTests = (await listPythonFiles(dir)).filter(isTestFileName);
    const ownConfig = (await Promise.all(CONFIG_FILES.map((f) => isFile(path.join(dir, f))))).some(Boolean);
    const model =
      modelTests.length === 0
        ? notRun(
            "No test files (test_*.py or *_test.py) among the model's files; the model's own tests were not run.\n",
          )
        : await runPytest({
            python: options.python,
            cwd: dir,
            targets: modelTests,
            junitPath: path.join(options.outDir, 'junit-model.xml'),
            timeoutMs,
            env,
            extraArgs: ['--rootdir', dir, ...(ownConfig ? [] : ['-c', emptyIni])],
            ...(clock ? { clock } : {}),
          });
    await writeFile(path.join(options.outDir, 'pytest-model.txt'), transcript(model, options.timeoutSec));

    const referenceDir = path.join(dir, referenceDirName);
    await copyDir(options.task.referenceDir, referenceDir);
    const reference = await runPytest({
      python: options.python,
      cwd: dir,
      targets: [referenceDirName],
      junitPath: path.join(options.outDir, 'junit-reference.xml'),
      timeoutMs,
      env,
      // The model's own conftest.py and pytest config must not reach the reference suite.
      extraArgs: ['--rootdir', dir, '-c', emptyIni, '--confcutdir', referenceDir],
      ...(clock ? { clock } : {}),
    });
    await writeFile(path.join(options.outDir, 'pytest-reference.txt'), transcript(reference, options.timeoutSec));

    return {
      model,
      reference,
      tests: {
        model: { passed: model.passed, total: model.total },
        reference: { passed: reference.passed, total: reference.total },
      },
    };
  } finally {
    await removeWorkspace(dir);
  }
}

function notRun(stdout: string): PytestRun {
  return {
    exitCode: null,
    timedOut: false,
    durationMs: 0,
    stdout,
    stderr: '',
    cases: [],
    passed: 0,
    total: 0,
    collectionError: null,
  };
}

function transcript(run: PytestRun, timeoutSec: number): string {
  let text = run.stdout;
  if (run.stderr.trim() !== '') text += `\n--- stderr ---\n${run.stderr}`;
  if (run.timedOut) text += `\n--- killed after ${timeoutSec} s (pytest timeout) ---\n`;
  return text;
}

async function isDirectory(p: string): Promise<boolean> {
  return stat(p).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

async function isFile(p: string): Promise<boolean> {
  return stat(p).then(
    (s) => s.isFile(),
    () => false,
  );
}
