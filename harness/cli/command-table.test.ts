import { describe, expect, expectTypeOf, it } from 'vitest';
import { benchCommand, isSubcommand, subcommands } from './command-table.ts';
import { parseCommandArgs } from './parse-command-args.ts';
import { benchUsage } from './usage.ts';

const entries = [['bench', benchCommand] as const, ...Object.entries(subcommands)];

/** The usage lines of one command: its `pnpm bench …` line and the indented lines that continue it. */
function usageOf(name: string): string {
  const blocks = benchUsage.split(/\n(?= {2}pnpm bench )/);
  const block = blocks.find((b) =>
    (name === 'bench' ? /^ {2}pnpm bench --/m : new RegExp(`^  pnpm bench ${name}\\b`, 'm')).test(b),
  );
  return block ?? '';
}

describe('the command table', () => {
  it.each(entries)('loads the function that runs %s', async (_name, command) => {
    expect(typeof (await command.load())).toBe('function');
  });

  // --debug and --help work everywhere and are not repeated on every line.
  it.each(entries)('lists every flag of %s in the usage text', (name, command) => {
    const missing = Object.keys(command.options).filter(
      (flag) => !['debug', 'help'].includes(flag) && !usageOf(name).includes(`--${flag}`),
    );
    expect(missing).toEqual([]);
  });

  it.each([
    ['compare', true],
    ['--model', false],
    ['constructor', false],
  ])('knows whether %j is a subcommand', (name, expected) => {
    expect(isSubcommand(name)).toBe(expected);
  });
});

describe('parseCommandArgs', () => {
  it('keeps the types parseArgs infers from the table', () => {
    const { values, positionals } = parseCommandArgs(['--alias-file', 'a.json', '--rescue'], subcommands.proxy);
    expectTypeOf(values['alias-file']).toEqualTypeOf<string[] | undefined>();
    expectTypeOf(values.rescue).toEqualTypeOf<boolean | undefined>();
    expectTypeOf(values.port).toEqualTypeOf<string | undefined>();
    expect(values).toEqual({ 'alias-file': ['a.json'], rescue: true });
    expect(positionals).toEqual([]);
  });

  it.each([
    ['an unknown flag', () => parseCommandArgs(['--nope'], subcommands.merge), /Unknown option '--nope'/],
    ['a flag without its value', () => parseCommandArgs(['--out'], subcommands.merge), /^--out needs a value\.$/],
    ['an argument to a command without any', () => parseCommandArgs(['x'], subcommands.sim), /Unexpected argument 'x'/],
  ])('turns %s into one USAGE line', (_case, parse, message) => {
    expect(parse).toThrow(expect.objectContaining({ code: 'USAGE', message: expect.stringMatching(message) }));
  });
});
