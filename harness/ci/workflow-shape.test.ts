import { describe, expect, it } from 'vitest';
import { expandEnv, flagValue, parseWorkflow, triggersOf } from './workflow-shape.ts';

describe('parseWorkflow', () => {
  it.each([
    ['jobs: [', /not valid YAML/],
    ['name: x', /no `jobs:` mapping/],
    ['jobs:\n  a: 1', /no `jobs:` mapping/],
    ['jobs:\n  a:\n    steps: run', /not a list of mappings/],
  ])('rejects %j', (text, message) => {
    expect(() => parseWorkflow(text)).toThrow(message);
  });

  it('keeps `on` as a key (YAML 1.2 does not read it as a boolean)', () => {
    const workflow = parseWorkflow('on:\n  push: {}\njobs: {}');
    expect(Object.keys(triggersOf(workflow))).toEqual(['push']);
  });

  it.each([
    ['on: push', ['push']],
    ['on: [push, schedule]', ['push', 'schedule']],
  ])('reads the short trigger form %j', (on, triggers) => {
    expect(Object.keys(triggersOf(parseWorkflow(`${on}\njobs: {}`)))).toEqual(triggers);
  });
});

describe('expandEnv', () => {
  const workflow = parseWorkflow(
    'env:\n  A: wf\n  B: wf\n  C: wf\njobs:\n  j:\n    env:\n      B: job\n      C: job\n    steps: []',
  );
  const job = workflow.jobs.j!;
  it.each([
    ['$A/${B}/${{ env.C }}', 'wf/job/step'],
    ['$UNSET and ${{ matrix.slug }}', '$UNSET and ${{ matrix.slug }}'],
  ])('expands %j from the nearest env', (text, expected) => {
    expect(expandEnv(text, workflow, job, { env: { C: 'step' } })).toBe(expected);
  });
});

describe('flagValue', () => {
  it.each([
    [['--out', 'dir'], 'dir'],
    [['--out=dir'], 'dir'],
    [['--output', 'x'], null],
    [['--out'], null],
  ])('reads --out from %j', (args, expected) => {
    expect(flagValue(args, '--out')).toBe(expected);
  });
});
