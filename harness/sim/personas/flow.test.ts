import { describe, expect, it } from 'vitest';
import type { Reply } from '../types.ts';
import type { Flow } from './flow.ts';
import { runFlow, runGoal, writeGoal } from './flow.ts';
import type { ToolStep } from './history.ts';

function* twoWrites(): Flow {
  yield writeGoal('Write', '/w/a.py', 'a', { text: 'first', retryText: 'again', giveUpText: 'gave up' });
  const run = yield runGoal('Bash', 'pytest');
  return `finished: ${run?.text ?? 'skipped'}`;
}

const ok = (file: string): ToolStep => ({
  name: 'Write',
  input: { file_path: file, content: 'x' },
  result: { callId: null, toolName: null, text: 'File created', errorFlag: false },
});
const refused: ToolStep = {
  name: 'Write',
  input: { file_path: '/w/a.py', content: 'a' },
  result: { callId: null, toolName: null, text: '<tool_use_error>no</tool_use_error>', errorFlag: true },
};
const ran: ToolStep = {
  name: 'Bash',
  input: { command: 'pytest' },
  result: { callId: null, toolName: null, text: '1 passed', errorFlag: false },
};

function summary(r: Reply): string {
  if (r.kind !== 'answer') return 'silent';
  return r.blocks.map((b) => (b.type === 'tool_call' ? `call ${b.name}` : `say ${b.text}`)).join(' + ');
}

describe('runFlow', () => {
  it.each<[string, ToolStep[], string]>([
    ['asks for the first goal, with its text', [], 'say first + call Write'],
    ['retries a refused goal with the retry text', [refused], 'say again + call Write'],
    ['gives up after three refusals', [refused, refused, refused], 'say gave up'],
    ['moves on once a goal was achieved', [ok('/w/a.py')], 'call Bash'],
    ['hands the result of the last goal to the final text', [ok('/w/a.py'), ran], 'say finished: 1 passed'],
    ['passes over a stray call that an attempt follows', [ok('/w/other.py'), ok('/w/a.py')], 'call Bash'],
    ['counts a refusal then a success as achieved', [refused, ok('/w/a.py'), ran], 'say finished: 1 passed'],
  ])('%s', (_name, steps, expected) => {
    expect(summary(runFlow(twoWrites(), steps))).toBe(expected);
  });

  it('skips an exhausted optional goal and lets the next goal claim the next call', () => {
    function* optional(): Flow {
      const first = yield { ...writeGoal('Write', '/outside.txt', 'x'), maxAttempts: 1, onExhausted: 'skip' };
      yield writeGoal('Write', '/w/a.py', 'a');
      return `first was ${first === null ? 'skipped' : 'done'}`;
    }
    const deniedOutside: ToolStep = { ...refused, input: { file_path: '/outside.txt', content: 'x' } };
    expect(summary(runFlow(optional(), [deniedOutside]))).toBe('call Write');
    expect(summary(runFlow(optional(), [deniedOutside, ok('/w/a.py')]))).toBe('say first was skipped');
  });
});
