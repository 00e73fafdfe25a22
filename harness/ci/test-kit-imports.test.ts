/**
 * Test helpers live in `test-kit/` folders and only tests use them: no file outside a test-kit/ folder
 * imports from one, except `*.test.ts` files and the `*.bench.ts` measurement scripts. So no production
 * module, and no production index.ts, can hand a test helper to the harness.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

function sourceFiles(folder: string): string[] {
  return readdirSync(path.join(root, folder), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${folder}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(relative);
    return entry.name.endsWith('.ts') ? [relative] : [];
  });
}

/** The relative module specifiers of a file: import and export declarations, and `import()` calls. */
function relativeImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(path.join(root, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    const specifier =
      ts.isImportDeclaration(node) || ts.isExportDeclaration(node)
        ? node.moduleSpecifier
        : ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword
          ? node.arguments[0]
          : undefined;
    if (specifier !== undefined && ts.isStringLiteral(specifier) && specifier.text.startsWith('.'))
      found.push(specifier.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const inTestKit = (file: string): boolean => file.split('/').includes('test-kit');
const testSide = (file: string): boolean => /\.(test|bench)\.ts$/.test(file) || inTestKit(file);

const imports = sourceFiles('harness').flatMap((file) =>
  relativeImports(file).map((specifier) => ({
    file,
    target: path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)),
  })),
);

describe('test-kit folders', () => {
  it('are used by the tests', () => {
    expect(imports.filter((i) => testSide(i.file) && inTestKit(i.target)).length).toBeGreaterThan(50);
  });

  it('are imported by no production file', () => {
    const leaks = imports.filter((i) => !testSide(i.file) && inTestKit(i.target)).map((i) => `${i.file} → ${i.target}`);
    expect(leaks).toEqual([]);
  });
});
