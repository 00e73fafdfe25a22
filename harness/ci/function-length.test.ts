/**
 * No function in harness/proxy/, harness/modes/ or harness/backends/ is longer than 80 lines (issue 10):
 * every production .ts file there (not *.test.ts, not under test-kit/) is parsed with the TypeScript
 * compiler and each function, method, accessor, constructor and arrow function is measured from its first
 * token to its last, both lines included; leading JSDoc is not counted, nested functions count towards
 * the function that holds them (and are measured on their own too).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { longFunctions } from './long-functions.ts';

const maxLines = 80;
const root = fileURLToPath(new URL('../..', import.meta.url));
const checkedFolders = ['harness/proxy', 'harness/modes', 'harness/backends'];

/**
 * Functions still being split on other branches when this check landed: `proxy` splits the proxy's,
 * `axis` splits runBench. This list must end up empty; the last test fails as soon as an entry is no
 * longer long, so whoever shortens one removes it here.
 */
const stillLong: Readonly<Record<string, readonly string[]>> = {
  'harness/proxy/message-assembler.ts': ['createMessageAssembler'],
  'harness/proxy/upstream-turn.ts': ['runUpstreamTurn'],
  'harness/modes/bench.ts': ['runBench'],
};

function productionFiles(folder: string): string[] {
  return readdirSync(path.join(root, folder), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${folder}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'test-kit' ? [] : productionFiles(relative);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [relative] : [];
  });
}

const measured = checkedFolders
  .flatMap(productionFiles)
  .flatMap((file) =>
    longFunctions(readFileSync(path.join(root, file), 'utf8'), file, maxLines).map((f) => ({ file, ...f })),
  );

describe(`functions over ${maxLines} lines`, () => {
  it('reads the production files of every checked folder', () => {
    for (const folder of checkedFolders) expect(productionFiles(folder).length).toBeGreaterThan(5);
  });

  it('finds none outside the list of functions being split elsewhere', () => {
    const unlisted = measured
      .filter(({ file, name }) => !(stillLong[file] ?? []).includes(name))
      .map(({ file, line, name, lines }) => `${file}:${line} ${name} is ${lines} lines`);
    expect(unlisted).toEqual([]);
  });

  it('lists only functions of the proxy and of modes/bench.ts', () => {
    const elsewhere = Object.keys(stillLong).filter(
      (f) => !f.startsWith('harness/proxy/') && f !== 'harness/modes/bench.ts',
    );
    expect(elsewhere).toEqual([]);
  });

  it.each(Object.entries(stillLong).flatMap(([file, names]) => names.map((name) => [file, name] as const)))(
    'still finds %s %s long (remove it from the list once it is split)',
    (file, name) => {
      expect(measured.filter((f) => f.file === file).map((f) => f.name)).toContain(name);
    },
  );
});
