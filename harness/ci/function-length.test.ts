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

  it('finds none', () => {
    const long = measured.map(({ file, line, name, lines }) => `${file}:${line} ${name} is ${lines} lines`);
    expect(long).toEqual([]);
  });
});
