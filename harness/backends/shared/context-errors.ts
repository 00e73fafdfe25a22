/**
 * Context-window errors told apart: the prompt alone does not fit (`prompt_too_long`), the prompt
 * fits but prompt + `max_tokens` do not (`output_budget`), or the window filled up while generating
 * (`context_exhausted`). Each server words these differently; the wordings below are the servers'
 * own (sources in fixtures/backends/errors/README.md). The numbers a message carries are kept,
 * because Claude Code acts on them (see anthropic-context-message.ts).
 */
import type { ErrorBody } from './error-body.ts';

/** A context error and the numbers the server gave (null where it gave none). */
export type ContextError =
  | { category: 'prompt_too_long'; promptTokens: number | null; contextTokens: number | null }
  | { category: 'output_budget'; promptTokens: number; outputTokens: number; contextTokens: number }
  | { category: 'context_exhausted' };

type Reader = (n: readonly number[]) => ContextError;

const tokens = '([\\d,_]+)';
const re = (source: string): RegExp => new RegExp(source.replaceAll('N', tokens), 'i');

// Prompt P, output O, window L: the output budget is the problem only while the prompt fits by itself.
const budget = (prompt: number, output: number, window: number): ContextError =>
  output === 0 || prompt >= window
    ? { category: 'prompt_too_long', promptTokens: prompt, contextTokens: window }
    : { category: 'output_budget', promptTokens: prompt, outputTokens: output, contextTokens: window };
const promptTooLong = (prompt: number | null, window: number | null): ContextError => ({
  category: 'prompt_too_long',
  promptTokens: prompt,
  contextTokens: window,
});

// Most specific first: the first pattern that matches decides.
const patterns: ReadonlyArray<readonly [RegExp, Reader]> = [
  // vLLM ≥ 0.11: "at least P" is a lower bound (the window minus the output, plus one).
  [
    re(
      'maximum context length is N tokens\\. However, you requested N output tokens and your prompt contains (?:at least )?N input tokens',
    ),
    ([l = 0, o = 0, p = 0]) => budget(p, o, l),
  ],
  // vLLM, before tokenizing: "… your prompt contains C characters (more than X characters, which is the upper bound for P input tokens)".
  [
    re(
      'maximum context length is N tokens\\. However, you requested N output tokens and your prompt contains N characters \\(more than N characters, which is the upper bound for N input tokens\\)',
    ),
    ([l = 0, o = 0, , , p = 0]) => budget(p + 1, o, l),
  ],
  // vLLM 0.9–0.10 (also its /v1/messages, as {"type":"error","error":{"type":"BadRequestError",…}}).
  [
    re(
      "'max_tokens' or 'max_completion_tokens' is too large: N\\. This model's maximum context length is N tokens and your request has N input tokens",
    ),
    ([o = 0, l = 0, p = 0]) => budget(p, o, l),
  ],
  // vLLM ≤ 0.8 and OpenAI: "However, you requested T tokens (P in the messages, O in the completion)".
  [
    re(
      'maximum context length is N tokens\\. However, you requested N tokens \\(N in the messages, N in the completion\\)',
    ),
    ([l = 0, , p = 0, o = 0]) => budget(p, o, l),
  ],
  [
    re('maximum context length is N tokens\\. However, your request has N input tokens'),
    ([l = 0, p = 0]) => promptTooLong(p, l),
  ],
  [
    re('maximum context length is N tokens\\. However, you requested N tokens in the messages'),
    ([l = 0, p = 0]) => promptTooLong(p, l),
  ],
  [
    re('maximum context length is N tokens\\. However, your messages resulted in N tokens'),
    ([l = 0, p = 0]) => promptTooLong(p, l),
  ],
  // vLLM engine: "The decoder prompt (length N) is longer than the maximum model length of M".
  [
    re('prompt \\((?:total )?length N\\) is longer than the maximum model length of N'),
    ([p = 0, l = 0]) => promptTooLong(p, l),
  ],
  [
    re('prompt \\(total length N\\) is too long to fit into the model \\(context length N\\)'),
    ([p = 0, l = 0]) => promptTooLong(p, l),
  ],
  // llama-server (tools/server/server-context.cpp).
  [
    re('request \\(N tokens\\) exceeds the available context size \\(N tokens\\)'),
    ([p = 0, l = 0]) => promptTooLong(p, l),
  ],
  [
    re('input \\(N tokens\\) is larger than the max context size \\(N tokens\\)'),
    ([p = 0, l = 0]) => promptTooLong(p, l),
  ],
  // Anthropic's own wordings (a pass-through backend may answer with them).
  [re('input length and `?max_tokens`? exceed context limit: N \\+ N > N'), ([p = 0, o = 0, l = 0]) => budget(p, o, l)],
  [re('prompt is too long: N tokens > N'), ([p = 0, l = 0]) => promptTooLong(p, l)],
  // LM Studio: "Trying to keep the first N tokens when context the overflows. However, the model is loaded with context length of only M tokens".
  [re('keep the first N tokens .*context length of only N tokens'), ([p = 0, l = 0]) => promptTooLong(p, l)],
  [/context shift is disabled/i, () => ({ category: 'context_exhausted' })],
  [
    /exceeds the available context size|exceed_context_size_error|prompt is too big compared to KV size|input is larger than the max context size|input length exceeds the context length|prompt is longer than the context length|tokens to keep from the initial prompt is greater than the context length|prompt (?:is )?too long|context_length_exceeded|max(?:imum)? context length|context window|input is too long|too many tokens/i,
    () => promptTooLong(null, null),
  ],
];

/** The context error an upstream error describes, or null when it is about something else. */
export function classifyContextError(
  error: Pick<ErrorBody, 'message' | 'upstreamType'> & Partial<ErrorBody>,
): ContextError | null {
  if (error.upstreamType === 'exceed_context_size_error' && error.promptTokens != null && error.contextTokens != null) {
    return promptTooLong(error.promptTokens, error.contextTokens);
  }
  for (const [pattern, read] of patterns) {
    const match = pattern.exec(error.message);
    if (match !== null) return read(match.slice(1).map((n) => Number((n ?? '0').replace(/[,_]/g, ''))));
  }
  return error.upstreamType === 'exceed_context_size_error' ? promptTooLong(null, null) : null;
}
