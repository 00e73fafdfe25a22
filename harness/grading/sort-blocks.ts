import type { ArtifactRole, TaskArtifact } from '../tasks/types.ts';
import type { CodeBlock, ExtractedFile } from './types.ts';

/** Fence languages treated as Python; a block without a language is judged by its content. */
export const pythonFenceLanguages: readonly string[] = ['python', 'py', 'python3', 'py3', 'pytest'];

export interface SortedBlocks {
  files: ExtractedFile[];
  /** Blocks that became no file: other languages, unrecognised code, smaller duplicates. */
  unplaced: CodeBlock[];
  /** Human-readable decisions worth reporting (e.g. which of several candidates was kept). */
  notes: string[];
}

const FIRST_LINE_HINT = /^\s*#\s*(?:(?:file(?:name)?|path)\s*:\s*)?`?([\w./-]*?[\w-]+\.py)`?\s*$/i;
const FILE_NAME = /[\w./-]*?([\w-]+\.py)\b/g;

/**
 * Turn an answer's code blocks into the task's files. A block is a test when one of the test
 * artifact's `recognise` patterns matches (test wins over implementation), else an
 * implementation when one of the implementation patterns matches. A filename comment on the
 * first line (`# lru_cache.py`, `# file: test_app.py`) decides the file outright; a single
 * `.py` name in the prose line before the fence names the file when it agrees with the content.
 * Unnamed blocks are named after the task's artifacts; when several blocks land on one file
 * the largest is kept (the later one on a tie) and a note says so.
 */
export function sortBlocks(
  task: { readonly artifacts: readonly TaskArtifact[] },
  blocks: readonly CodeBlock[],
): SortedBlocks {
  const patterns = compilePatterns(task.artifacts);
  const unplaced: CodeBlock[] = [];
  const candidates = new Map<string, { role: ArtifactRole; block: CodeBlock }[]>();

  for (const block of blocks) {
    if (block.lang !== null && !pythonFenceLanguages.includes(block.lang)) {
      unplaced.push(block);
      continue;
    }
    const placed = place(block, patterns, task.artifacts);
    if (placed === null) {
      unplaced.push(block);
      continue;
    }
    const list = candidates.get(placed.path) ?? [];
    list.push({ role: placed.role, block });
    candidates.set(placed.path, list);
  }

  const files: ExtractedFile[] = [];
  const notes: string[] = [];
  for (const [path, list] of candidates) {
    let kept = list[0]!;
    for (const candidate of list.slice(1)) {
      if (candidate.block.code.length >= kept.block.code.length) kept = candidate;
    }
    if (list.length > 1) {
      const indexes = list.map((c) => c.block.index).join(', ');
      notes.push(
        `${list.length} blocks looked like ${path} (blocks ${indexes}); kept block ${kept.block.index}, the largest (${kept.block.code.length} chars)`,
      );
      for (const c of list) if (c !== kept) unplaced.push(c.block);
    }
    files.push({ path, role: kept.role, content: withFinalNewline(kept.block.code), fromBlock: kept.block.index });
  }
  files.sort((a, b) => (a.role === b.role ? a.path.localeCompare(b.path) : a.role === 'implementation' ? -1 : 1));
  unplaced.sort((a, b) => a.index - b.index);
  return { files, unplaced, notes };
}

type RolePatterns = Record<ArtifactRole, RegExp[]>;

function compilePatterns(artifacts: readonly TaskArtifact[]): RolePatterns {
  const patterns: RolePatterns = { implementation: [], test: [] };
  for (const artifact of artifacts) {
    for (const source of artifact.recognise) patterns[artifact.role].push(new RegExp(source, 'm'));
  }
  return patterns;
}

function roleByContent(code: string, patterns: RolePatterns): ArtifactRole | null {
  if (patterns.test.some((re) => re.test(code))) return 'test';
  if (patterns.implementation.some((re) => re.test(code))) return 'implementation';
  return null;
}

function roleByName(name: string, artifacts: readonly TaskArtifact[]): ArtifactRole {
  const artifact = artifacts.find((a) => a.file === name);
  if (artifact) return artifact.role;
  return isTestFileName(name) || name === 'conftest.py' ? 'test' : 'implementation';
}

/** True for pytest's default test file names: `test_*.py` and `*_test.py`. */
export function isTestFileName(name: string): boolean {
  const base = name.split('/').pop() ?? name;
  return /^test_.*\.py$/.test(base) || /_test\.py$/.test(base);
}

function place(
  block: CodeBlock,
  patterns: RolePatterns,
  artifacts: readonly TaskArtifact[],
): { path: string; role: ArtifactRole } | null {
  const firstLine = block.code.split('\n', 1)[0] ?? '';
  const explicit = FIRST_LINE_HINT.exec(firstLine);
  if (explicit) {
    const name = baseName(explicit[1]!);
    return { path: name, role: roleByName(name, artifacts) };
  }
  const role = roleByContent(block.code, patterns);
  if (role === null) return null;
  const hinted = precedingHint(block.precedingLine);
  if (hinted !== null && roleByName(hinted, artifacts) === role) return { path: hinted, role };
  return { path: defaultFile(role, artifacts), role };
}

function precedingHint(line: string | null): string | null {
  if (line === null) return null;
  const names = new Set([...line.matchAll(FILE_NAME)].map((m) => m[1]!));
  return names.size === 1 ? [...names][0]! : null;
}

function defaultFile(role: ArtifactRole, artifacts: readonly TaskArtifact[]): string {
  const artifact = artifacts.find((a) => a.role === role);
  if (artifact) return artifact.file;
  const implementation = artifacts.find((a) => a.role === 'implementation');
  return `test_${implementation ? implementation.file : 'solution.py'}`;
}

function baseName(p: string): string {
  return p.split('/').pop()!;
}

function withFinalNewline(code: string): string {
  return code.endsWith('\n') ? code : `${code}\n`;
}
