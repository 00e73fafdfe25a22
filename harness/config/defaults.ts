/** Defaults of a bench run, from the experiment's settings (num_ctx 32768, temperature 0, max_tokens 8192). */
import type { BackendKind } from './types.ts';

export const benchDefaults = {
  task: 'all',
  mode: 'both',
  backend: 'ollama' as BackendKind,
  repeat: 1,
  numCtx: 32768,
  maxTokens: 8192,
  temperature: 0,
  /** The experiment's slowest agent run took 669 s; raw runs get the same bound. */
  timeoutSec: 600,
  maxTurns: 30,
  proxyPort: 4000,
} as const;

/** Where each backend listens when the user gives no --base-url. */
export const defaultBaseUrls: Record<BackendKind, string | null> = {
  ollama: 'http://localhost:11434',
  anthropic: null,
  openai: null,
  sim: null,
};
