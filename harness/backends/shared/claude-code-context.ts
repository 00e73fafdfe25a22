/** How much context Claude Code needs before agent mode can work at all. */

/**
 * Tokens of context the first request of the pinned Claude Code (2.1.328) needs: its system
 * prompt, environment block, tool definitions and the task prompt.
 *
 * Measured with `pnpm bench --backend sim --model sim-correct --task lru-cache --mode agent`:
 * the first model exchange in `runs/<run>/exchanges.jsonl` had `usage.inputTokens` 12,007 (the
 * sim counts four characters per token). Real tokenizers count more (~14K with the llama-2
 * tokenizer of a real llama-server), so a context below this figure can never hold the first
 * request, and refusing it never refuses a run that could have worked. The figure is rounded up
 * to 12 × 1024 so that workspace paths and dates of the environment block do not push a
 * measurement over it; `claude-code-context.e2e.test.ts` re-measures it from a real CLI run.
 */
export const claudeCodeFirstRequestTokens = 12_288;
