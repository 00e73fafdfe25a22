/**
 * Agent personas are stateless: each request replays the conversation so far. A persona's plan is
 * a generator that yields goals (one tool call each) and receives each goal's result; `runFlow`
 * matches the goals against the tool calls already in the conversation and answers with the
 * first goal not yet achieved — or with the plan's final text once every goal is done.
 */
import type { Reply, ReplyBlock, SimToolResult } from '../types.ts';
import type { ToolStep } from './history.ts';
import { targetPath, wasRefused } from './history.ts';

export interface ToolCallSpec {
  name: string;
  input: Record<string, unknown>;
}

export interface Goal {
  call: ToolCallSpec;
  /** Whether a call already in the conversation is an attempt at this goal (rescued or not). */
  matches(step: ToolStep): boolean;
  /** Said before the call on the first attempt. */
  text?: string;
  /** Said before a retry after a refusal. */
  retryText?: string;
  /** Refused attempts allowed before the goal is exhausted (default 3). */
  maxAttempts?: number;
  /** Exhausted: `skip` moves on (the generator receives null); `give_up` ends with `giveUpText`. */
  onExhausted?: 'skip' | 'give_up';
  giveUpText?: string;
}

/** A persona's plan: yields goals, receives each result (null when skipped), returns the final text. */
export type Flow = Generator<Goal, string, SimToolResult | null>;

/** The next reply of a plan, given the tool calls made so far. */
export function runFlow(flow: Flow, steps: readonly ToolStep[]): Reply {
  let cursor = 0;
  let next = flow.next(null);
  while (next.done !== true) {
    const goal = next.value;
    let attempts = 0;
    let achieved: SimToolResult | null | undefined;
    while (cursor < steps.length && achieved === undefined) {
      // A call that is not an attempt at this goal belongs to a later goal — unless an attempt
      // follows it, in which case it was a stray call and is passed over.
      if (!goal.matches(steps[cursor] as ToolStep)) {
        const later = steps.findIndex((s, i) => i > cursor && goal.matches(s));
        if (later < 0) break;
        cursor = later;
      }
      const step = steps[cursor] as ToolStep;
      cursor += 1;
      attempts += 1;
      // A call without a result yet (the client has not answered) counts as achieved.
      if (!wasRefused(step.result)) achieved = step.result;
    }
    if (achieved !== undefined) {
      next = flow.next(achieved);
      continue;
    }
    if (attempts >= (goal.maxAttempts ?? 3)) {
      if (goal.onExhausted === 'skip') {
        next = flow.next(null);
        continue;
      }
      return textReply(goal.giveUpText ?? 'I could not complete the task.');
    }
    const blocks: ReplyBlock[] = [];
    const text = attempts === 0 ? goal.text : (goal.retryText ?? goal.text);
    if (text !== undefined && text !== '') blocks.push({ type: 'text', text });
    blocks.push({ type: 'tool_call', name: goal.call.name, input: goal.call.input });
    return { kind: 'answer', blocks };
  }
  return textReply(next.value);
}

export function textReply(text: string): Reply {
  return { kind: 'answer', blocks: [{ type: 'text', text }] };
}

/** How a persona names its write calls. */
export type WriteStyle = 'Write' | 'write_file' | 'filename' | 'path';
/** How a persona names its shell calls. */
export type RunStyle = 'Bash' | 'bash';

const writeCalls: Record<WriteStyle, (file: string, content: string) => ToolCallSpec> = {
  Write: (file, content) => ({ name: 'Write', input: { file_path: file, content } }),
  write_file: (file, content) => ({ name: 'write_file', input: { path: file, content } }),
  filename: (file, content) => ({ name: 'Write', input: { filename: file, content } }),
  path: (file, content) => ({ name: 'Write', input: { path: file, content } }),
};

/** Writing `file`, recognised by its target whatever the tool and parameter are called. */
export function writeGoal(
  style: WriteStyle,
  file: string,
  content: string,
  extra: Omit<Goal, 'call' | 'matches'> = {},
): Goal {
  return {
    ...extra,
    call: writeCalls[style](file, content),
    matches: (step) => targetPath(step.input) === file && step.input.old_string === undefined,
  };
}

/** Running `command` in the shell. */
export function runGoal(style: RunStyle, command: string, extra: Omit<Goal, 'call' | 'matches'> = {}): Goal {
  const input: Record<string, unknown> =
    style === 'Bash' ? { command, description: 'Run the test suite' } : { command };
  return { ...extra, call: { name: style, input }, matches: (step) => step.input.command === command };
}

/** Replacing `oldString` with `newString` in `file` (Claude Code's Edit). */
export function editGoal(
  file: string,
  oldString: string,
  newString: string,
  extra: Omit<Goal, 'call' | 'matches'> = {},
): Goal {
  return {
    ...extra,
    call: { name: 'Edit', input: { file_path: file, old_string: oldString, new_string: newString } },
    matches: (step) => targetPath(step.input) === file && step.input.old_string === oldString,
  };
}
