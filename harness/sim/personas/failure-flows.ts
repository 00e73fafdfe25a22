/**
 * Agent plans of the real-world failure personas (shared/real-world-failures.md): a model that
 * loops on one call, one that sends numbers and booleans as strings, one whose Write is cut by the
 * output limit. Text-written, double-encoded and reasoning-trapped calls reuse the ordinary plans
 * and change how the calls go out (text-calls.ts, real-failure-personas.ts).
 */
import { isRecord } from '../../core/json.ts';
import type { AgentTask } from './agent-flows.ts';
import { buggyDraft, inCwd, pytestCommand, taskFlow } from './agent-flows.ts';
import type { Flow, Goal } from './flow.ts';
import { editGoal, runGoal, writeGoal } from './flow.ts';
import { pytestPassed, pytestSummary, targetPath } from './history.ts';

/** The goal with extra arguments in its call (matching is unchanged). */
function withArguments(goal: Goal, extra: Record<string, unknown>): Goal {
  return { ...goal, call: { ...goal.call, input: { ...goal.call.input, ...extra } } };
}

/**
 * sim-loop (F10): writes the implementation, then reads that same file with the identical call on
 * every turn after, whatever comes back — never the tests, never a final answer.
 */
export function* loopFlow(t: AgentTask): Flow {
  const implPath = inCwd(t.cwd, t.answer.implementation.name);
  yield writeGoal('Write', implPath, t.answer.implementation.content, {
    text: `I'll put the implementation in \`${t.answer.implementation.name}\`.`,
  });
  const read: Goal = {
    call: { name: 'Read', input: { file_path: implPath } },
    matches: (step) => step.name === 'Read' && targetPath(step.input) === implPath,
    maxAttempts: Number.POSITIVE_INFINITY,
  };
  for (;;) yield read;
}

/**
 * sim-string-numbers (F13): a buggy first draft, pytest with `"timeout": "60000"`, a Read with
 * `"offset": "1", "limit": "50"`, then the fix as an Edit with `"replace_all": "False"` — the
 * Python spelling Qwen3-Coder's template gives booleans (`args_value | string`). Claude Code
 * 2.1.328 converts numeric strings and lowercase "true"/"false" itself but refuses "False"
 * ("The parameter `replace_all` type is expected as `boolean` but provided as `string`"), so the
 * fix never lands unless a rescue converts it; after three refusals the persona gives up.
 */
export function* stringNumbersFlow(t: AgentTask): Flow {
  const impl = t.answer.implementation;
  const tests = t.answer.tests;
  const implPath = inCwd(t.cwd, impl.name);
  const draft = buggyDraft(t);
  const runTests = (text: string): Goal =>
    withArguments(runGoal('Bash', pytestCommand, { text }), { timeout: '60000' });
  yield writeGoal('Write', implPath, draft.content, { text: `I'll put the implementation in \`${impl.name}\`.` });
  yield writeGoal('Write', inCwd(t.cwd, tests.name), tests.content, { text: `Now the tests in \`${tests.name}\`.` });
  let run = yield runTests('Running the tests.');
  if (!pytestPassed(run)) {
    yield {
      call: { name: 'Read', input: { file_path: implPath, offset: '1', limit: '50' } },
      matches: (step) => step.name === 'Read' && targetPath(step.input) === implPath,
      text: `A test failed; let me look at \`${impl.name}\`.`,
      maxAttempts: 1,
      onExhausted: 'skip',
    };
    yield withArguments(
      editGoal(implPath, draft.oldString, draft.newString, {
        text: `Fixing \`${impl.name}\`.`,
        retryText: 'Applying the fix again.',
        giveUpText: `The fix to \`${impl.name}\` was refused every time, so the tests still fail.`,
      }),
      { replace_all: 'False' },
    );
    run = yield runTests('Running the tests again.');
  }
  const summary = pytestSummary(run);
  if (pytestPassed(run)) return `Done. \`${impl.name}\` and \`${tests.name}\` are in place; pytest: ${summary}.`;
  return `I wrote \`${impl.name}\` and \`${tests.name}\`, but the tests do not pass yet.`;
}

/**
 * sim-double-encoded (F25): creates the task's two files with `touch` first, then does the task;
 * every call goes out with its arguments double-encoded (real-failure-personas.ts). Claude Code
 * 2.1.328 refuses such a call and lists every character of the string as an unexpected parameter,
 * so the small `touch` comes first: three refusals of it end the run long before that listing could
 * fill the context, and the refused calls still name the task's files.
 */
export function* doubleEncodedFlow(t: AgentTask): Flow {
  const command = `touch ${t.answer.implementation.name} ${t.answer.tests.name}`;
  yield {
    call: { name: 'Bash', input: { command, description: 'Create the files' } },
    matches: (step) => step.name === 'Bash' && step.input.command === command,
    text: 'Let me create the files first.',
    retryText: 'Trying that again.',
    giveUpText: 'My commands are refused here, so I could not do the task.',
  };
  return yield* taskFlow(t, {
    retryText: 'Retrying.',
    giveUpText: 'The file could not be written, so the task is not done.',
  });
}

/**
 * The implementation padded with a data table long enough that writing it takes more than
 * `tokens` output tokens (one token per 4 characters of argument JSON).
 */
export function oversizedImplementation(content: string, tokens: number): string {
  const row = (i: number): string => `    "warm-key-${String(i).padStart(7, '0')}",\n`;
  const count = Math.ceil((tokens * 4 + 400) / row(0).length);
  const rows = Array.from({ length: count }, (_, i) => row(i)).join('');
  return `${content}\n\n# Keys to pre-load in benchmarks.\nWARM_KEYS = (\n${rows})\n`;
}

/**
 * sim-truncated-call (F14): writes an implementation too long for the output limit, so the stream
 * stops with max_tokens inside the Write arguments. Claude Code answers the cut call with "could
 * not be parsed as JSON" and replays it as `{"__unparsedToolInput": …}`; that counts as an attempt.
 * Three attempts, then it says it could not finish; a write that went through carries on normally.
 */
export function* truncatedFlow(t: AgentTask, outputTokens: number): Flow {
  const impl = t.answer.implementation;
  const implPath = inCwd(t.cwd, impl.name);
  yield {
    call: {
      name: 'Write',
      input: { file_path: implPath, content: oversizedImplementation(impl.content, outputTokens) },
    },
    matches: (step) =>
      step.name === 'Write' && (targetPath(step.input) === implPath || isRecord(step.input.__unparsedToolInput)),
    text: `I'll put the implementation in \`${impl.name}\`, with a table of warm-up keys.`,
    retryText: 'The file was cut off; writing it again.',
    giveUpText: `My output keeps being cut off before \`${impl.name}\` is complete, so it was not written.`,
  };
  return yield* taskFlow(t);
}
