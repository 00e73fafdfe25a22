/** The agent personas' plans (for the LRU task; the FastAPI task runs the same steps on its files). */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { TaskAnswer } from '../answers.ts';
import { leakedToken, withStutterTypo } from './corrupt.ts';
import type { Flow, RunStyle, WriteStyle } from './flow.ts';
import { editGoal, runGoal, writeGoal } from './flow.ts';
import { pytestPassed, pytestSummary } from './history.ts';
import { typoIdentifier } from './raw-answers.ts';
import type { TaskKind } from './task.ts';

export const pytestCommand = 'python3 -m pytest -q';

export interface AgentTask {
  task: Exclude<TaskKind, 'generic'>;
  answer: TaskAnswer;
  /** Claude Code's working directory, or null (then files are named relative). */
  cwd: string | null;
}

/** `file` in Claude Code's working directory (relative when none was announced). */
export function inCwd(cwd: string | null, file: string): string {
  return cwd === null ? file : path.posix.join(cwd, file);
}

export interface TaskFlowOptions {
  writeStyle?: WriteStyle;
  runStyle?: RunStyle;
  /** Test file content (default: the correct tests). */
  tests?: string;
  /** First draft of the implementation, patched with Edit after pytest fails (sim-patch). */
  draft?: { content: string; oldString: string; newString: string };
  /** FastAPI task: when pytest fails, patch the test's import with Edit and run again. */
  patchImportOnFailure?: boolean;
  /** What to say after the last run: claims success regardless (sim-typo) or reports honestly. */
  claimDone?: boolean;
  /** Said when a write has been refused `maxAttempts` times. */
  giveUpText?: string;
  retryText?: string;
  /** Appended to the first sentence (sim-leak). */
  leak?: boolean;
}

/** Write the implementation, write the tests, run pytest (patch and rerun when the plan says), summarise. */
export function* taskFlow(t: AgentTask, options: TaskFlowOptions = {}): Flow {
  const writeStyle = options.writeStyle ?? 'Write';
  const runStyle = options.runStyle ?? 'Bash';
  const impl = t.answer.implementation;
  const tests = t.answer.tests;
  const implPath = inCwd(t.cwd, impl.name);
  const testPath = inCwd(t.cwd, tests.name);
  const retry = {
    retryText: options.retryText ?? 'That call failed; trying again.',
    giveUpText: options.giveUpText ?? `I could not write ${impl.name}, so the task is not done.`,
  };
  const opening = `I'll put the implementation in \`${impl.name}\`.${options.leak === true ? leakedToken : ''}`;

  yield writeGoal(writeStyle, implPath, options.draft?.content ?? impl.content, { text: opening, ...retry });
  yield writeGoal(writeStyle, testPath, options.tests ?? tests.content, {
    text: `Now the tests in \`${tests.name}\`.`,
    ...retry,
  });
  let run = yield runGoal(runStyle, pytestCommand, { text: 'Running the tests.', ...retry });

  if (!pytestPassed(run) && options.claimDone !== true) {
    if (options.draft !== undefined) {
      yield editGoal(implPath, options.draft.oldString, options.draft.newString, {
        text: `A test failed; fixing \`${impl.name}\`.`,
        ...retry,
      });
      run = yield runGoal(runStyle, pytestCommand, { text: 'Running the tests again.', ...retry });
    } else if (options.patchImportOnFailure === true && t.task === 'fastapi') {
      yield editGoal(testPath, importLine, patchedImport, {
        text: `pytest failed; making sure \`${tests.name}\` can import the app.`,
        ...retry,
      });
      run = yield runGoal(runStyle, pytestCommand, { text: 'Running the tests again.', ...retry });
    }
  }

  const summary = pytestSummary(run);
  // sim-typo reports success whatever pytest said.
  if (options.claimDone === true)
    return `Done. \`${impl.name}\` and \`${tests.name}\` are in place and the task is complete.`;
  if (pytestPassed(run))
    return `Done. \`${impl.name}\` and \`${tests.name}\` are in place${summary === null ? '.' : `; pytest: ${summary}.`}`;
  return `I wrote \`${impl.name}\` and \`${tests.name}\`, but the tests do not pass yet${summary === null ? '.' : ` (${summary}).`}`;
}

const importLine = 'from app import app';
const patchedImport =
  'import os\nimport sys\n\nsys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))\n\nfrom app import app';

/** sim-typo: the test file stutters once; after pytest fails it reports done anyway. */
export function typoFlow(t: AgentTask): Flow {
  return taskFlow(t, { tests: withStutterTypo(t.answer.tests.content, typoIdentifier[t.task]), claimDone: true });
}

/** A first draft of the implementation with one bug a test finds, and the edit that fixes it. */
export function buggyDraft(t: AgentTask): { content: string; oldString: string; newString: string } {
  const correct = t.answer.implementation.content;
  const [good, bad] =
    t.task === 'lru'
      ? ['popitem(last=False)', 'popitem(last=True)']
      : ['return {"status": "ok"}', 'return {"status": "healthy"}'];
  return { content: correct.replace(good, bad), oldString: bad, newString: good };
}

/** sim-patch: a first draft with one bug, found by pytest and fixed with Edit. */
export function patchFlow(t: AgentTask): Flow {
  return taskFlow(t, { draft: buggyDraft(t) });
}

/** sim-write-file: `write_file {path, content}` and `bash {command}`; gives up after three refusals. */
export function writeFileFlow(t: AgentTask): Flow {
  return taskFlow(t, {
    writeStyle: 'write_file',
    runStyle: 'bash',
    retryText: 'Let me try writing the file again.',
    giveUpText: "Sorry, I couldn't create the files: the write_file tool is not available in this environment.",
  });
}

/** sim-filename: the offered Write with `filename`; gives up after three refusals. */
export function filenameFlow(t: AgentTask): Flow {
  return taskFlow(t, {
    writeStyle: 'filename',
    retryText: 'Retrying the write.',
    giveUpText:
      'The previous call used the wrong parameter (`filename` instead of `file_path`), so the file was not written.',
  });
}

/** sim-escape: first tries to write outside the working directory, then does the task. */
export function* escapeFlow(t: AgentTask): Flow {
  const tag = createHash('sha256')
    .update(t.cwd ?? 'no-cwd')
    .digest('hex')
    .slice(0, 10);
  const parent = t.cwd === null ? '/tmp' : path.posix.dirname(t.cwd);
  const once = { maxAttempts: 1, onExhausted: 'skip' as const };
  yield writeGoal('Write', path.posix.join(parent, `escaped-${tag}.txt`), 'written outside the workspace\n', {
    text: 'First I will leave a note next to the project directory.',
    ...once,
  });
  yield writeGoal('Write', `/tmp/sim-escape-${tag}.txt`, 'written outside the workspace\n', once);
  return yield* taskFlow(t);
}

/** sim-memory: ignores the task and sets up a "memory system" in the working directory. */
export function* memoryFlow(cwd: string | null): Flow {
  const once = { maxAttempts: 1, onExhausted: 'skip' as const };
  yield writeGoal('Write', inCwd(cwd, 'memory/user_profile.md'), memoryProfile, {
    text: 'Let me set up your memory first.',
    ...once,
  });
  yield writeGoal(
    'Write',
    inCwd(cwd, 'MEMORY.md'),
    '# Memory index\n\n- [User profile](memory/user_profile.md)\n',
    once,
  );
  return (
    'Memory is configured: I created a profile file and an index. From now on I can keep track of your ' +
    'preferences, your feedback on my work, and the context of your projects. Tell me what you would like me to remember.'
  );
}

const memoryProfile = [
  '---',
  'name: user_profile',
  'type: user',
  '---',
  '',
  'Preferences and working context of the user, to be filled in as we work together.',
  '',
].join('\n');

/** sim-websearch: calls an unoffered web_search, then says it cannot search. */
export function* webSearchFlow(task: TaskKind): Flow {
  const query =
    task === 'fastapi' ? 'FastAPI health check endpoint best practice' : 'python thread-safe LRU cache OrderedDict';
  yield {
    call: { name: 'web_search', input: { query } },
    matches: (step) => step.name.toLowerCase().replace(/[^a-z]/g, '') === 'websearch',
    text: 'Let me look up current best practices first.',
    maxAttempts: 1,
    onExhausted: 'skip',
  };
  return "I can't perform web searches — I don't have that functionality here, so I can't look this up for you.";
}
