import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from '../cli/parse-bench-args.ts';
import type { TaskDefinition } from '../tasks/types.ts';
import { settingsForTask } from './plan.ts';

const task = { limits: { pytestTimeoutSec: 60, agentTimeoutSec: 450, maxTurns: 12 } } as TaskDefinition;

describe('settingsForTask', () => {
  it('takes the task limits when the user gave none', () => {
    const { settings } = parseBenchArgs(['--model', 'm']);
    expect(settingsForTask(settings, task)).toMatchObject({ timeoutSec: 450, maxTurns: 12 });
  });

  it('keeps the limits the user gave', () => {
    const { settings } = parseBenchArgs(['--model', 'm', '--timeout', '30', '--max-turns', '5']);
    expect(settingsForTask(settings, task)).toMatchObject({ timeoutSec: 30, maxTurns: 5 });
  });
});
