/** Corruption in the agent's files (grading's detector), as evidence entries. Pure. */
import { detectCorruption } from '../../grading/corruption.ts';
import type { ExtractedFile } from '../../grading/types.ts';
import type { AgentEvidence } from '../../taxonomy/agent-evidence.ts';

/** Stuttered identifiers and leaked template tokens in the written files. */
export function fileCorruption(files: readonly ExtractedFile[]): AgentEvidence['corruption'] {
  const report = detectCorruption({ answerText: '', files, stopReason: null, blocks: [] });
  return [
    ...report.typos.map((t) => ({
      kind: 'identifier_typo' as const,
      quote: `${t.found} (for ${t.expected}): ${t.text}`,
      file: `${t.file}:${t.line}`,
    })),
    ...report.leakedTokens.map((token) => ({
      kind: 'leaked_tokens' as const,
      quote: token,
      file: files.find((f) => f.content.includes(token))?.path ?? 'workspace',
    })),
  ];
}
