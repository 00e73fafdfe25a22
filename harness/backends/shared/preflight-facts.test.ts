/**
 * Preflight against recorded (or source-derived) server answers served on loopback: the facts it
 * reads, the context it settles on, and the refusals of runs that cannot work.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { anthropicPreflight } from '../anthropic/preflight.ts';
import { ollamaPreflight } from '../ollama/preflight.ts';
import { openAiPreflight } from '../openai/preflight.ts';
import { factsBody } from '../test-kit/facts-fixtures.ts';
import { type LoopbackServer, type Routes, startLoopbackServer } from '../test-kit/loopback-server.ts';
import { agentRun, rawOnly } from '../test-kit/preflight-requests.ts';
import { loadedModelFacts } from './loaded-facts.ts';

let server: LoopbackServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const ok = (body: unknown) => ({ status: 200, body });

/** An Ollama serving one model from the fixtures; `ps` is what /api/ps answers. */
function ollama(model: string, files: { show: string; tags: string }, ps: unknown = { models: [] }): Routes {
  return {
    'GET /api/version': ok({ version: '0.20.2' }),
    'GET /api/tags': ok(factsBody('ollama', files.tags)),
    'POST /api/show': ok(factsBody('ollama', files.show)),
    'GET /api/ps': ok(ps),
    'POST /api/chat': ok({ model, message: { role: 'assistant', content: '' }, done_reason: 'load', done: true }),
    'GET /v1/models': ok({ object: 'list', data: [{ id: model, object: 'model', owned_by: 'library' }] }),
  };
}

const qwenFiles = { show: 'show-qwen3-coder-30b.json', tags: 'tags-qwen3-coder-30b.json' };
const qwenPs = factsBody('ollama', 'ps-qwen3-coder-30b.json');

describe('Ollama, native dialect', () => {
  it('reads the facts and takes the num_ctx it sends as the context', async () => {
    server = await startLoopbackServer(ollama('qwen3-coder:30b', qwenFiles));
    const result = await ollamaPreflight(server.url, 'qwen3-coder:30b', fetch, agentRun);
    expect(result).toMatchObject({
      server: 'ollama',
      version: '0.20.2',
      context: { kind: 'known', tokens: 32768 },
      facts: { architecture: 'qwen3moe', moe: { experts: 128, expertsUsed: 8 }, contextLoaded: 32768, memory: null },
    });
    expect(server.requests).not.toContain('POST /api/chat');
  });

  it('refuses agent mode for a model without tools, with one line', async () => {
    server = await startLoopbackServer(ollama('gemma4', { show: 'show-gemma4.json', tags: 'tags-gemma4.json' }));
    await expect(ollamaPreflight(server.url, 'gemma4', fetch, agentRun)).rejects.toMatchObject({
      code: 'PREFLIGHT_REFUSED',
      message: expect.stringMatching(/^"gemma4" cannot run agent mode: .* without "tools".*--mode raw/),
    });
    await expect(ollamaPreflight(server.url, 'gemma4', fetch, rawOnly)).resolves.toMatchObject({ server: 'ollama' });
  });
});

describe("Ollama's /v1 layers (anthropic and openai dialects)", () => {
  it('loads the model as a /v1 request would and refuses the 4096 context /api/ps then shows', async () => {
    server = await startLoopbackServer(ollama('qwen3-coder:30b', qwenFiles, qwenPs));
    const error = await anthropicPreflight(server.url, 'qwen3-coder:30b', fetch, agentRun).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PREFLIGHT_REFUSED' });
    expect((error as Error).message).toBe(
      'Agent mode needs a context of at least 12,288 tokens (Claude Code\'s first request), but "qwen3-coder:30b" gets 4,096 from Ollama\'s own setting (OLLAMA_CONTEXT_LENGTH or its VRAM-based default, per /api/ps; the anthropic dialect cannot send num_ctx). Restart Ollama with OLLAMA_CONTEXT_LENGTH=32768 ollama serve, or use --backend ollama, which sends num_ctx. Raw mode (--mode raw) still runs.',
    );
    expect(server.requests.indexOf('POST /api/chat')).toBeLessThan(server.requests.lastIndexOf('GET /api/ps'));
  });

  it('trusts no /api/ps context when loading the model failed', async () => {
    server = await startLoopbackServer({
      ...ollama('qwen3-coder:30b', qwenFiles, qwenPs),
      'POST /api/chat': { status: 500, body: { error: 'model requires more system memory' } },
    });
    const result = await anthropicPreflight(server.url, 'qwen3-coder:30b', fetch, agentRun);
    expect(result).toMatchObject({ context: { kind: 'unknown' }, facts: { contextLoaded: null } });
  });

  it('in raw mode loads nothing and records the context as unknown until a run has loaded the model', async () => {
    server = await startLoopbackServer(ollama('qwen3-coder:30b', qwenFiles, qwenPs));
    const result = await openAiPreflight(server.url, 'qwen3-coder:30b', fetch, rawOnly);
    expect(result).toMatchObject({ server: 'ollama', context: { kind: 'unknown' }, facts: { contextLoaded: null } });
    expect(server.requests).not.toContain('POST /api/chat');
    // After the first run /api/ps shows what the server really loaded.
    const facts = await loadedModelFacts(result, server.url, 'qwen3-coder:30b', fetch);
    expect(facts).toMatchObject({
      contextLoaded: 4096,
      memory: { sizeBytes: 19585815552, vramBytes: 19585815552, cpuOffload: false },
    });
  });
});

describe('llama-server', () => {
  it('refuses agent mode on the 1024-token slot /props reports', async () => {
    server = await startLoopbackServer({
      'GET /v1/models': ok(factsBody('llama-server', 'v1-models-readme.json')),
      'GET /props': ok(factsBody('llama-server', 'props-readme.json')),
    });
    await expect(openAiPreflight(server.url, 'anything', fetch, agentRun)).rejects.toMatchObject({
      code: 'PREFLIGHT_REFUSED',
      message: expect.stringContaining(
        "gets 1,024 from llama-server's per-slot context (/props n_ctx). Restart llama-server with -c 32768.",
      ),
    });
    const result = await openAiPreflight(server.url, 'anything', fetch, rawOnly);
    expect(result).toMatchObject({
      server: 'llama-server',
      version: 'b(build number)-(build commit hash)',
      facts: { parametersTotal: 8030261312, contextTrained: 131072, contextLoaded: 1024 },
    });
  });
});

describe('llama-server, recorded (b1-de3ff81)', () => {
  const recorded = (file: string): Routes => ({
    'GET /v1/models': ok(factsBody('llama-server', `v1-models-tiny-${file}.json`)),
    'GET /props': ok(factsBody('llama-server', `props-tiny-${file}.json`)),
  });

  it('refuses four slots of 4096 and says how to give one slot 32768', async () => {
    server = await startLoopbackServer(recorded('np4-override'));
    const error = await openAiPreflight(server.url, 'tiny', fetch, agentRun).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'Agent mode needs a context of at least 12,288 tokens (Claude Code\'s first request), but "tiny" gets 4,096 from llama-server\'s per-slot context (/props n_ctx, 4 slots). Restart llama-server with a larger -c (a slot gets 4096; with 4 slots and no unified KV cache -c is split among them, so -np 1 -c 32768 is the simplest fix). Raw mode (--mode raw) still runs.',
    );
  });

  it('says no setting helps a model trained for 4096 tokens', async () => {
    server = await startLoopbackServer(recorded('np2'));
    await expect(openAiPreflight(server.url, 'tiny', fetch, agentRun)).rejects.toMatchObject({
      message: expect.stringContaining(
        '"tiny" was trained for 4,096 tokens, so no server setting gives it more; pick a model with a longer context.',
      ),
    });
    await expect(openAiPreflight(server.url, 'tiny', fetch, rawOnly)).resolves.toMatchObject({
      server: 'llama-server',
      version: 'b1-de3ff81',
    });
  });
});

describe('vLLM', () => {
  it("reads max_model_len and refuses agent mode below Claude Code's first request", async () => {
    server = await startLoopbackServer({
      'GET /v1/models': ok(factsBody('vllm', 'v1-models.json')),
      'GET /version': ok({ version: '0.5.0' }),
    });
    const model = 'meta-llama/Meta-Llama-3-8B-Instruct';
    await expect(openAiPreflight(server.url, model, fetch, agentRun)).rejects.toMatchObject({
      message: expect.stringContaining('Restart vLLM with --max-model-len 32768.'),
    });
    await expect(openAiPreflight(server.url, model, fetch, rawOnly)).resolves.toMatchObject({
      server: 'vllm',
      version: '0.5.0',
      facts: { contextLoaded: 8192 },
    });
  });
});

describe('LM Studio', () => {
  const lmStudio = (file: string, id: string): Routes => ({
    'GET /v1/models': ok({ object: 'list', data: [{ id, object: 'model', owned_by: 'organization_owner' }] }),
    'GET /api/v0/models': ok(factsBody('lm-studio', file)),
  });

  it('refuses agent mode on a model loaded with 4096 tokens', async () => {
    server = await startLoopbackServer(lmStudio('api-v0-models-loaded-4096.json', 'llama-3.2-3b-instruct'));
    await expect(anthropicPreflight(server.url, 'llama-3.2-3b-instruct', fetch, agentRun)).rejects.toMatchObject({
      message: expect.stringContaining("gets 4,096 from LM Studio's loaded context length"),
    });
  });

  it('runs a model it has not loaded yet, its context unknown until then', async () => {
    server = await startLoopbackServer(lmStudio('api-v0-models-docs.json', 'meta-llama-3.1-8b-instruct'));
    const result = await anthropicPreflight(server.url, 'meta-llama-3.1-8b-instruct', fetch, agentRun);
    expect(result).toMatchObject({
      server: 'lm-studio',
      context: { kind: 'unknown' },
      facts: { architecture: 'llama', quantisation: 'Q4_K_M', contextTrained: 131072, contextLoaded: null },
    });
  });
});
