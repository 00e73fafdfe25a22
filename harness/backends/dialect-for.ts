/** The dialect object for a dialect kind, and where each backend listens by default. */
import { anthropicDialect } from './anthropic/anthropic-dialect.ts';
import { ollamaDialect } from './ollama/ollama-dialect.ts';
import { openAiDialect } from './openai/openai-dialect.ts';
import type { Dialect, DialectKind } from './types.ts';

const dialects: Record<DialectKind, Dialect> = {
  ollama: ollamaDialect,
  openai: openAiDialect,
  anthropic: anthropicDialect,
};

/** The dialect that speaks `kind` upstream. */
export function dialectFor(kind: DialectKind): Dialect {
  return dialects[kind];
}

const defaultBaseUrls: Record<DialectKind, string | null> = {
  ollama: 'http://localhost:11434',
  // LM Studio, llama-server and vLLM each use their own port: the user says which with --base-url.
  anthropic: null,
  openai: null,
};

/** The base URL to use when the user gives no --base-url, or null when one is required. */
export function defaultBaseUrl(kind: DialectKind): string | null {
  return defaultBaseUrls[kind];
}
