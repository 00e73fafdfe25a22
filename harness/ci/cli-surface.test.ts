import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readCliSurface } from './cli-surface.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('the CLI surface of this project', () => {
  it('finds the bench script, its flags and each subcommand with the flags it parses', async () => {
    const surface = await readCliSurface(root);
    expect(surface.cliScript).toBe('bench');
    expect(surface.benchFlags.has('model')).toBe(true);
    expect([...surface.subcommands.keys()].sort()).toEqual(['compare', 'history', 'merge', 'proxy', 'sim']);
    expect([...(surface.subcommands.get('merge') ?? [])]).toContain('out');
    expect([...(surface.subcommands.get('compare') ?? [])]).toEqual(
      expect.arrayContaining(['fail-on-regression', 'format']),
    );
  });
});
