import { describe, expect, it } from 'vitest';
import { nativeOllamaContext } from '../ollama/ollama-context.ts';
import { ollamaModelFacts } from '../ollama/ollama-facts.ts';
import { factsBody } from '../test-kit/facts-fixtures.ts';
import { agentRun, rawOnly } from '../test-kit/preflight-requests.ts';
import { type ListedModel, listedModels } from './models-list.ts';
import { preflightRefusal, type RefusalInput } from './preflight-refusals.ts';
import { unknownFacts } from './unknown-facts.ts';
import { vllmContext, vllmModelFacts } from './vllm-facts.ts';

const gemma4 = ollamaModelFacts('gemma4', { show: factsBody('ollama', 'show-gemma4.json'), tags: undefined });
const qwen = ollamaModelFacts('qwen3-coder:30b', {
  show: factsBody('ollama', 'show-qwen3-coder-30b.json'),
  tags: undefined,
});
const llava = ollamaModelFacts('llava', { show: factsBody('ollama', 'show-llava.json'), tags: undefined });
const vllm = (listedModels(factsBody('vllm', 'v1-models.json')) as ListedModel[])[0] as ListedModel;

const ollamaNative = (facts: typeof qwen, numCtx: number): Omit<RefusalInput, 'model' | 'request'> => ({
  server: 'ollama',
  dialect: 'ollama',
  facts,
  context: nativeOllamaContext(numCtx, facts.contextTrained),
});

describe('preflightRefusal', () => {
  it.each<{ name: string; input: RefusalInput; line: string | null }>([
    {
      name: 'nothing for a tool-capable model with room for the first request',
      input: { model: 'qwen3-coder:30b', request: agentRun, ...ollamaNative(qwen, 32768) },
      line: null,
    },
    {
      name: 'agent mode on a model without tools (openapi.yaml gemma4)',
      input: { model: 'gemma4', request: agentRun, ...ollamaNative(gemma4, 32768) },
      line: '"gemma4" cannot run agent mode: Ollama lists its capabilities as completion, vision, without "tools", so every Claude Code turn would fail with 400: does not support tools. Run it with --mode raw, or pick a model with tool support.',
    },
    {
      name: 'nothing in raw mode for a model without tools',
      input: { model: 'gemma4', request: rawOnly, ...ollamaNative(gemma4, 32768) },
      line: null,
    },
    {
      name: 'agent mode with --num-ctx below the first request',
      input: { model: 'qwen3-coder:30b', request: { ...agentRun, numCtx: 8192 }, ...ollamaNative(qwen, 8192) },
      line: 'Agent mode needs a context of at least 12,288 tokens (Claude Code\'s first request), but "qwen3-coder:30b" gets 8,192 from the num_ctx the Ollama dialect sends (--num-ctx 8192). Pass --num-ctx 32768. Raw mode (--mode raw) still runs.',
    },
    {
      name: 'agent mode on a model trained for less than the first request (docs/api.md llava, 8192)',
      input: {
        model: 'llava',
        request: agentRun,
        ...ollamaNative({ ...llava, capabilities: ['completion', 'tools'] }, 32768),
      },
      line: 'Agent mode needs a context of at least 12,288 tokens (Claude Code\'s first request), but "llava" gets 8,192 from Ollama, which caps num_ctx 32768 at the model\'s trained length. "llava" was trained for 8,192 tokens, so no server setting gives it more; pick a model with a longer context. Raw mode (--mode raw) still runs.',
    },
    {
      name: 'agent mode on a vLLM started with max_model_len 8192',
      input: {
        model: 'meta-llama/Meta-Llama-3-8B-Instruct',
        request: agentRun,
        server: 'vllm',
        dialect: 'openai',
        facts: vllmModelFacts(vllm),
        context: vllmContext(vllm),
      },
      line: 'Agent mode needs a context of at least 12,288 tokens (Claude Code\'s first request), but "meta-llama/Meta-Llama-3-8B-Instruct" gets 8,192 from vLLM\'s max_model_len. Restart vLLM with --max-model-len 32768. Raw mode (--mode raw) still runs.',
    },
    {
      name: 'nothing when the context is unknown',
      input: {
        model: 'm',
        request: agentRun,
        server: 'lm-studio',
        dialect: 'anthropic',
        facts: { ...qwen, capabilities: null },
        context: { kind: 'unknown', reason: 'not loaded' },
      },
      line: null,
    },
    {
      name: '--think on a model without thinking (native dialect)',
      input: { model: 'qwen3-coder:30b', request: { ...rawOnly, think: true }, ...ollamaNative(qwen, 32768) },
      line: '--think needs a model that can think, but Ollama lists the capabilities of "qwen3-coder:30b" as completion, tools, without "thinking", so every request would fail with 400: "qwen3-coder:30b" does not support thinking. Drop --think for this model.',
    },
    {
      name: 'nothing for --think through the anthropic dialect, which does not send think',
      input: {
        model: 'qwen3-coder:30b',
        request: { ...rawOnly, think: true },
        ...ollamaNative(qwen, 32768),
        dialect: 'anthropic',
      },
      line: null,
    },
    {
      name: 'nothing about tools for a server that lists no capabilities',
      input: {
        model: 'm',
        request: agentRun,
        server: 'vllm',
        dialect: 'openai',
        facts: { ...vllmModelFacts(vllm), capabilities: ['completion'] },
        context: { kind: 'unknown', reason: '' },
      },
      line: null,
    },
  ])('$name', ({ input, line }) => {
    expect(preflightRefusal(input)).toBe(line);
  });
});

describe('a llama-server whose chat template cannot render tools', () => {
  it.each([
    [['completion'], true],
    [['completion', 'tools'], false],
    [null, false],
  ])('capabilities %j: agent mode refused %s, raw mode never', (capabilities, refused) => {
    const input = {
      model: 'tiny',
      server: 'llama-server' as const,
      dialect: 'openai' as const,
      facts: { ...unknownFacts([]), capabilities },
      context: { kind: 'known' as const, tokens: 65_536, basis: 'llama-server', fix: '' },
      request: { agent: true, think: false, numCtx: 32768 },
    };
    const refusal = preflightRefusal(input);
    expect(refusal !== null).toBe(refused);
    if (refused) expect(refusal).toMatch(/chat_template_caps\.supports_tools is false.*--jinja/);
    expect(preflightRefusal({ ...input, request: { ...input.request, agent: false } })).toBeNull();
  });
});
