/**
 * Personas that stand for the server as much as the model: a small context window that cuts the
 * prompt, a model without tool support, a mixture of experts (facts only), and the ways real servers
 * fail a request (issue 9 item 1). Apart from their fault they answer like sim-correct.
 */
import { ollamaCapabilityRefusal } from '../dialects/server-errors.ts';
import type { Reply, StreamInterrupt } from '../types.ts';
import { defaultFacts, moeFacts } from './facts.ts';
import type { PersonaContext, PersonaSpec } from './persona-kit.ts';
import { agentDefault, answer, correct, rawDefault } from './persona-kit.ts';

/** What a model answers when the cut left it neither the task nor the tools. */
export const offTaskReply = 'Hello! How can I help you today?';

/** The same reply as `correct`, failing the way `interrupt` says. */
function failing(interrupt: StreamInterrupt): (c: PersonaContext) => Reply {
  return (c) => {
    const reply = correct(c);
    return reply.kind === 'answer' ? { ...reply, interrupt } : reply;
  };
}

export const serverPersonas: readonly PersonaSpec[] = [
  {
    name: 'sim-ctx-4096',
    description:
      'A server running the model with a 4,096-token window: longer prompts are cut as Ollama cuts them, reported as 4,096 input tokens, and answered off-task ("Hello! How can I help you today?"); short prompts get correct answers.',
    modes: ['raw', 'agent'],
    timing: rawDefault,
    agentTiming: agentDefault,
    facts: { ...defaultFacts, contextTrained: 4096 },
    servedContext: { tokens: 4096, onOverflow: 'cut' },
    reply: (c) => (c.promptCut ? answer(offTaskReply) : correct(c)),
  },
  {
    name: 'sim-notools',
    description:
      'A model without the tools capability: any request offering tools gets Ollama\'s 400 "… does not support tools"; raw requests are answered.',
    modes: ['agent'],
    timing: rawDefault,
    agentTiming: agentDefault,
    facts: { ...defaultFacts, capabilities: ['completion'] },
    reply: (c) => {
      if (c.conversation.tools.length === 0) return correct(c);
      const refusal = ollamaCapabilityRefusal(c.conversation.dialect, c.conversation.model, 'tools');
      return { kind: 'refuse', ...refusal };
    },
  },
  {
    name: 'sim-moe',
    description: 'Correct; its facts are a 30B-A3B mixture of experts (128 experts, 8 active).',
    modes: ['raw', 'agent'],
    timing: rawDefault,
    agentTiming: agentDefault,
    facts: moeFacts,
    reply: correct,
  },
  {
    name: 'sim-llama-error-event',
    description:
      'llama-server failing mid-stream: after 12 tokens, `event: error` with {"code","message","type"} (anthropic) or `data: {"error": …}` (openai), then the stream ends; the NDJSON error line on /api/chat.',
    modes: ['raw', 'agent'],
    timing: rawDefault,
    agentTiming: agentDefault,
    reply: failing({
      style: 'llama_error_event',
      afterTokens: 12,
      code: 500,
      message: 'Context size has been exceeded.',
      type: 'server_error',
    }),
  },
  {
    name: 'sim-llama-error-legacy',
    description:
      'Older llama.cpp (before PR #16486): a context overflow as an `error: {…}` line inside a started stream, then `data: [DONE]` (openai); an HTTP 400 elsewhere.',
    modes: ['raw', 'agent'],
    timing: rawDefault,
    agentTiming: agentDefault,
    reply: failing({
      style: 'llama_legacy_error',
      afterTokens: 0,
      code: 400,
      message: 'the request exceeds the available context size, try increasing it',
      type: 'exceed_context_size_error',
    }),
  },
  {
    name: 'sim-ollama-v1-cut',
    description:
      "Ollama's /v1 layers when the runner dies mid-stream: after 12 tokens the stream closes with no finish, [DONE] or message_stop (an empty chunk on openai); the NDJSON error line on /api/chat.",
    modes: ['raw', 'agent'],
    timing: rawDefault,
    agentTiming: agentDefault,
    reply: failing({
      style: 'ollama_v1_close',
      afterTokens: 12,
      code: 500,
      message:
        'model runner has unexpectedly stopped, this may be due to resource limitations or an internal error, check ollama server logs for details',
      type: 'server_error',
    }),
  },
  {
    name: 'sim-vllm-budget',
    description:
      'vLLM with max_model_len 16384: a prompt plus max_tokens over it gets vLLM\'s 400 ("you requested N output tokens and your prompt contains at least M input tokens"), on anthropic and openai; what fits is answered correctly.',
    modes: ['raw', 'agent'],
    timing: rawDefault,
    agentTiming: agentDefault,
    facts: { ...defaultFacts, contextTrained: 16384 },
    servedContext: { tokens: 16384, onOverflow: 'refuse' },
    reply: correct,
  },
];
