import { afterEach, describe, expect, it } from 'vitest';
import { type LoopbackServer, startLoopbackServer, unusedLoopbackUrl } from '../test-kit/loopback-server.ts';
import { rawOnly } from '../test-kit/preflight-requests.ts';
import { openAiPreflight } from './preflight.ts';

let server: LoopbackServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('openAiPreflight', () => {
  it('accepts a model listed in /v1/models', async () => {
    server = await startLoopbackServer({
      'GET /v1/models': {
        status: 200,
        body: { object: 'list', data: [{ id: 'qwen3-8b', object: 'model', owned_by: 'vllm' }] },
      },
    });
    const result = await openAiPreflight(`${server.url}/v1`, 'qwen3-8b', fetch, rawOnly);
    expect(result).toMatchObject({
      server: 'vllm',
      version: null,
      modelInfo: {
        served_id: 'qwen3-8b',
        owned_by: 'vllm',
        parameter_count: null,
        context_length_trained: null,
        size_bytes: null,
      },
    });
  });

  it("accepts llama-server's single model under any name and reports its meta", async () => {
    server = await startLoopbackServer({
      'GET /v1/models': {
        status: 200,
        body: {
          data: [
            {
              id: '/models/qwen3-8b-Q4_K_M.gguf',
              owned_by: 'llamacpp',
              meta: { n_params: 8190735360, n_ctx_train: 40960, size: 5027783488 },
            },
          ],
        },
      },
    });
    const result = await openAiPreflight(server.url, 'qwen3', fetch, rawOnly);
    expect(result.modelInfo).toEqual({
      served_id: '/models/qwen3-8b-Q4_K_M.gguf',
      owned_by: 'llamacpp',
      parameter_count: 8190735360,
      context_length_trained: 40960,
      size_bytes: 5027783488,
    });
  });

  it('adds the Ollama version and model facts when the server is Ollama', async () => {
    server = await startLoopbackServer({
      'GET /v1/models': { status: 200, body: { data: [{ id: 'qwen3:8b', owned_by: 'library' }] } },
      'GET /api/version': { status: 200, body: { version: '0.20.2' } },
      'POST /api/show': {
        status: 200,
        body: { details: { quantization_level: 'Q4_K_M', parameter_size: '8.2B', family: 'qwen3' } },
      },
      'GET /api/tags': { status: 200, body: { models: [{ name: 'qwen3:8b', digest: 'sha256-q' }] } },
    });
    const result = await openAiPreflight(server.url, 'qwen3:8b', fetch, rawOnly);
    expect(result.version).toBe('0.20.2');
    expect(result.modelInfo).toMatchObject({
      digest: 'sha256-q',
      quantization_level: 'Q4_K_M',
      parameter_size: '8.2B',
    });
  });

  it('lists the available models when the requested one is missing', async () => {
    server = await startLoopbackServer({
      'GET /v1/models': {
        status: 200,
        body: {
          data: [
            { id: 'a', owned_by: 'x' },
            { id: 'b', owned_by: 'x' },
          ],
        },
      },
    });
    await expect(openAiPreflight(server.url, 'c', fetch, rawOnly)).rejects.toMatchObject({
      code: 'MODEL_NOT_FOUND',
      message: `Model "c" is not served at ${server.url} (available: a, b). Load it in the server or pass one of the available names with --model.`,
    });
  });

  it('says the backend is unreachable and how to proceed', async () => {
    const url = await unusedLoopbackUrl();
    await expect(openAiPreflight(url, 'm', fetch, rawOnly)).rejects.toMatchObject({
      code: 'BACKEND_UNREACHABLE',
      message: `Backend unreachable at ${url} (ECONNREFUSED). Start the server (llama-server, vLLM, LM Studio or "ollama serve") or pass --base-url. To try the harness without a model server, use --backend sim.`,
    });
  });

  it('rejects a server without a model list', async () => {
    server = await startLoopbackServer({});
    await expect(openAiPreflight(server.url, 'm', fetch, rawOnly)).rejects.toMatchObject({ code: 'BACKEND_ERROR' });
  });
});
