import type { StopReason } from '../core/messages.ts';
import { findTemplateTokens } from '../core/template-tokens.ts';
import { findIdentifierTypos } from './identifier-typos.ts';
import type { CodeBlock, CorruptionReport, ExtractedFile } from './types.ts';

export interface CorruptionInput {
  /** The model's answer text (raw mode); '' when there is none (agent mode). */
  answerText: string;
  files: readonly ExtractedFile[];
  stopReason: StopReason | null;
  blocks: readonly CodeBlock[];
}

/**
 * Level-5 signs in an answer: stuttered class-name typos in the files, template tokens leaked
 * into the answer or the files, and truncation (an unclosed final code block or a max_tokens
 * stop).
 */
export function detectCorruption(input: CorruptionInput): CorruptionReport {
  const leaked = [input.answerText, ...input.files.map((f) => f.content)].flatMap(findTemplateTokens);
  return {
    typos: findIdentifierTypos(input.files),
    leakedTokens: [...new Set(leaked)],
    truncated: input.blocks.some((b) => !b.closed) || input.stopReason === 'max_tokens',
  };
}
