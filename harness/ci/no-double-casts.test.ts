/**
 * No `as unknown as` anywhere in harness/ (issue 10): a double cast tells the compiler to stop
 * checking, so a value is built or narrowed instead (a test-kit builder, a type guard, a reader).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

function tsFiles(folder: string): string[] {
  return readdirSync(path.join(root, folder), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${folder}/${entry.name}`;
    if (entry.isDirectory()) return tsFiles(relative);
    return entry.name.endsWith('.ts') || entry.name.endsWith('.tsx') ? [relative] : [];
  });
}

describe('double casts', () => {
  const files = tsFiles('harness');
  const pattern = ['as', 'unknown', 'as '].join(' ');

  it('reads every TypeScript file of harness/', () => {
    expect(files.length).toBeGreaterThan(300);
  });

  it('finds none', () => {
    const found = files.flatMap((file) =>
      readFileSync(path.join(root, file), 'utf8')
        .split('\n')
        .flatMap((line, i) => (line.includes(pattern) ? [`${file}:${i + 1}`] : [])),
    );
    expect(found).toEqual([]);
  });
});
