import { templateTokenRegExp } from '../core/template-tokens.ts';
import { findIdentifierTypos } from './identifier-typos.ts';
import type { ExtractedFile, RepairChange } from './types.ts';

/**
 * The deterministic level-5 repair: strip leaked template tokens from the code, then rewrite
 * stuttered copies of the implementation's class names (`LRUCCache` → `LRUCache`). Nothing is
 * hard-coded to a task: the class names come from the files themselves. Files without a
 * change are returned as they were.
 */
export function repairFiles(files: readonly ExtractedFile[]): { files: ExtractedFile[]; changes: RepairChange[] } {
  const changes: RepairChange[] = [];
  const stripped = files.map((file) => {
    const lines = file.content.split('\n').map((text, i) =>
      text.replace(templateTokenRegExp(), (token) => {
        changes.push({ file: file.path, kind: 'template_token', before: token, after: '', line: i + 1 });
        return '';
      }),
    );
    const content = lines.join('\n');
    return content === file.content ? file : { ...file, content };
  });

  const typos = findIdentifierTypos(stripped);
  const repaired = stripped.map((file) => {
    const own = typos.filter((t) => t.file === file.path);
    if (own.length === 0) return file;
    const lines = file.content.split('\n');
    for (const typo of own) {
      const i = typo.line - 1;
      lines[i] = lines[i]!.replace(new RegExp(`\\b${typo.found}\\b`, 'g'), typo.expected);
      changes.push({ file: file.path, kind: 'typo', before: typo.found, after: typo.expected, line: typo.line });
    }
    return { ...file, content: lines.join('\n') };
  });

  changes.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file.localeCompare(b.file)));
  return { files: repaired, changes };
}
