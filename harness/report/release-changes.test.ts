import { describe, expect, it } from 'vitest';
import type { ProtocolError } from '../core/run.ts';
import { decidingText, explainReleaseChange, outcomeChange } from './release-changes.ts';
import { sampleRun } from './test-kit/sample-runs.ts';

const call = (
  kind: ProtocolError['kind'],
  name: string,
  input: unknown,
  repairedBy: ProtocolError['repairedBy'],
): ProtocolError => ({ kind, call: { name, input }, repairedBy });
const runsWith = (...errors: ProtocolError[]) => [sampleRun({ mode: 'agent', protocolErrors: errors })];
const writePath = { path: '/ws/a.py', content: 'x' };
const editStr = { path: '/ws/a.py', old_str: 'a', new_str: 'b' };

describe('explainReleaseChange', () => {
  it.each<[string, ProtocolError[], ProtocolError[], string | null]>([
    [
      'the CLI now repairs a call it refused',
      [call('param_name_mismatch', 'Write', writePath, null)],
      [call('param_name_mismatch', 'Write', writePath, 'claude_code')],
      'under A `Write` with `path`, `content` was refused (param_name_mismatch, not repaired); under B the CLI repaired it (param_name_mismatch, repaired by claude_code)',
    ],
    [
      'a call the new release refuses that the old one repaired',
      [call('param_name_mismatch', 'Edit', editStr, 'claude_code')],
      [call('param_name_mismatch', 'Edit', editStr, null)],
      'under A the CLI repaired `Edit` with `path`, `old_str`, `new_str` (param_name_mismatch, repaired by claude_code); under B it was refused (param_name_mismatch, not repaired)',
    ],
    [
      'a new broken call',
      [],
      [call('text_tool_call', 'Write', writePath, null)],
      'under A no protocol errors; under B `Write` with `path`, `content` was not run (written as text) (text_tool_call, not repaired)',
    ],
    [
      'a broken call that is gone',
      [call('tool_name_mismatch', 'write_file', writePath, null)],
      [],
      'under A `write_file` with `path`, `content` was refused (tool_name_mismatch, not repaired); under B no `write_file` with `path`, `content` call (tool_name_mismatch)',
    ],
    [
      'two changed calls, each named',
      [call('param_name_mismatch', 'Write', writePath, null), call('param_name_mismatch', 'Edit', editStr, null)],
      [
        call('param_name_mismatch', 'Write', writePath, 'claude_code'),
        call('param_name_mismatch', 'Edit', editStr, 'claude_code'),
      ],
      'under A `Write` with `path`, `content` was refused (param_name_mismatch, not repaired); `Edit` with `path`, `old_str`, `new_str` was refused (param_name_mismatch, not repaired); under B the CLI repaired `Write` with `path`, `content` (param_name_mismatch, repaired by claude_code); the CLI repaired `Edit` with `path`, `old_str`, `new_str` (param_name_mismatch, repaired by claude_code)',
    ],
    [
      'the same protocol errors on both sides',
      [call('param_name_mismatch', 'Write', writePath, null)],
      [call('param_name_mismatch', 'Write', writePath, null)],
      null,
    ],
    ['no protocol errors at all', [], [], null],
  ])('%s', (_what, before, after, expected) => {
    expect(
      explainReleaseChange({ version: 'A', runs: runsWith(...before) }, { version: 'B', runs: runsWith(...after) }),
    ).toBe(expected);
  });
});

describe('outcomeChange', () => {
  it.each([
    [{ modalStatus: 'completed', modalLevel: 4 }, { modalStatus: 'completed', modalLevel: 6 }, 'level 4 → 6'],
    [{ modalStatus: 'timeout', modalLevel: null }, { modalStatus: 'completed', modalLevel: 6 }, 'timeout → level 6'],
    [
      { modalStatus: 'completed', modalLevel: 5 },
      { modalStatus: 'infra_error', modalLevel: null },
      'level 5 → infra error',
    ],
    [{ modalStatus: 'completed', modalLevel: 6 }, { modalStatus: 'completed', modalLevel: 6 }, null],
  ] as const)('%o → %o: %s', (before, after, expected) => {
    expect(outcomeChange(before, after)).toBe(expected);
  });
});

describe('decidingText', () => {
  it('gives the deciding evidence and what Claude Code answered to the broken call', () => {
    const run = sampleRun({
      mode: 'agent',
      level: 4,
      evidence: [
        {
          kind: 'param_name_mismatch',
          quote: 'Write {"path":"/ws/a.py"}',
          shows: 'called Write with arguments that violate its schema',
        },
        {
          kind: 'tool_error',
          quote: '<tool_use_error>InputValidationError</tool_use_error>',
          shows: 'what Claude Code answered',
        },
      ],
    });
    expect(decidingText(run)).toBe(
      'called Write with arguments that violate its schema: “Write {"path":"/ws/a.py"}”; Claude Code answered “<tool_use_error>InputValidationError</tool_use_error>”',
    );
  });
});
