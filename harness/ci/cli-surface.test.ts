import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { commandsFromMain, importPathOf, parseArgsOptionNames, readCliSurface } from './cli-surface.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

const mainSource = `
import { runA } from './commands/a.ts';
import { runB as runBee, other } from './commands/b.ts';
const commands: Record<string, (argv: string[]) => Promise<number>> = {
  alpha: runA,
  'be-ta': runBee,
};`;

describe('reading the CLI surface from source', () => {
  it('reads the commands record, type annotation and all', () => {
    expect([...commandsFromMain(mainSource)]).toEqual([
      ['alpha', 'runA'],
      ['be-ta', 'runBee'],
    ]);
  });

  it('says what to update when main.ts has no commands record', () => {
    expect(() => commandsFromMain('const handlers = {};')).toThrow(/no `const commands/);
  });

  it.each([
    ['runA', './commands/a.ts'],
    ['runBee', './commands/b.ts'],
    ['other', './commands/b.ts'],
    ['runC', null],
  ])('finds the module %s is imported from', (fn, expected) => {
    expect(importPathOf(mainSource, fn)).toBe(expected);
  });

  it('lists parseArgs option names, quoted or not', () => {
    const source = `parseArgs({ options: { out: { type: 'string' }, 'fail-on-regression': { type: 'boolean' }, h: {type:'boolean'} } })`;
    expect(parseArgsOptionNames(source)).toEqual(['out', 'fail-on-regression', 'h']);
  });

  it('finds the bench script and the merge and compare flags in this project', async () => {
    const surface = await readCliSurface(root);
    expect(surface.cliScript).toBe('bench');
    expect(surface.benchFlags.has('model')).toBe(true);
    expect([...(surface.subcommands.get('merge') ?? [])]).toContain('out');
    expect([...(surface.subcommands.get('compare') ?? [])]).toEqual(
      expect.arrayContaining(['fail-on-regression', 'format']),
    );
  });
});
