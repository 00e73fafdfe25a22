import type { IdentifierTypo } from './types.ts';

interface SourceFile {
  readonly path: string;
  readonly role: string;
  readonly content: string;
}

const CLASS_DEF = /^[ \t]*class[ \t]+([A-Za-z_]\w*)/gm;
const BINDING =
  /^[ \t]*(?:(?:async[ \t]+)?def|class)[ \t]+([A-Za-z_]\w*)|^[ \t]*([A-Za-z_]\w*)[ \t]*(?::[^=\n]*)?=(?!=)|\bas[ \t]+([A-Za-z_]\w*)/gm;
const IDENTIFIER = /\b[A-Za-z_]\w*\b/g;
const FROM_IMPORT = /^[ \t]*from[ \t]+[\w.]+[ \t]+import[ \t]+\(?([\w \t,\n]+?)\)?[ \t]*$/gm;

/**
 * Class names the implementation defines (every file's classes when there is no
 * implementation file), plus CapWords names the files import by name (`from fastapi.testclient
 * import TestClient`): a stutter of an imported class (`TestCClient`) is the same artifact.
 * Names shorter than 4 characters are left out: too little to judge by.
 */
export function definedClassNames(files: readonly SourceFile[]): string[] {
  const implementation = files.filter((f) => f.role === 'implementation');
  const sources = implementation.length > 0 ? implementation : files;
  const names = new Set<string>();
  for (const file of sources) for (const m of file.content.matchAll(CLASS_DEF)) names.add(m[1]!);
  for (const file of files) {
    for (const m of file.content.matchAll(FROM_IMPORT)) {
      for (const part of m[1]!.split(',')) {
        const name =
          part
            .trim()
            .split(/\s+as\s+/)[0]
            ?.trim() ?? '';
        if (/^[A-Z][a-z0-9]+[A-Z]\w*$/.test(name)) names.add(name);
      }
    }
  }
  return [...names].filter((n) => n.length >= 4);
}

/**
 * True when `candidate` looks like a stuttered copy of `className` — the repeated-token
 * artifact of mixture-of-experts decoding (`LRUCCache`, `LRUUCache`, `LRLRCache` for
 * `LRUCache`): 1–3 characters longer, same first letter, same final CamelCase word, made only
 * of the class name's own letters, and within edit distance 3. The distance (not plain
 * deletion) is needed because a repeated chunk can overwrite a letter: LRLRCache has no U.
 */
export function isStutterOf(candidate: string, className: string): boolean {
  const extra = candidate.length - className.length;
  if (extra < 1 || extra > 3) return false;
  if (candidate[0] !== className[0] || candidate.at(-1) !== className.at(-1)) return false;
  const letters = new Set(className);
  for (const ch of candidate) if (!letters.has(ch)) return false;
  return editDistance(candidate, className) <= 3;
}

/**
 * Every use of an identifier that is a stutter of one of the implementation's class names
 * and is not itself defined anywhere in the files (a defined name is deliberate, not a typo).
 */
export function findIdentifierTypos(files: readonly SourceFile[]): IdentifierTypo[] {
  const classNames = definedClassNames(files);
  if (classNames.length === 0) return [];
  const bound = boundNames(files);
  const typos: IdentifierTypo[] = [];
  for (const file of files) {
    file.content.split('\n').forEach((text, i) => {
      const seen = new Set<string>();
      for (const m of text.matchAll(IDENTIFIER)) {
        const found = m[0];
        if (seen.has(found) || bound.has(found)) continue;
        const expected = classNames.find((name) => isStutterOf(found, name));
        if (expected === undefined) continue;
        seen.add(found);
        typos.push({ found, expected, file: file.path, line: i + 1, text: text.trim() });
      }
    });
  }
  return typos;
}

function boundNames(files: readonly SourceFile[]): Set<string> {
  const names = new Set<string>();
  for (const file of files) {
    for (const m of file.content.matchAll(BINDING)) {
      const name = m[1] ?? m[2] ?? m[3];
      if (name !== undefined) names.add(name);
    }
  }
  return names;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}
