import { afterEach, describe, expect, it } from 'vitest';
import { type LoopbackServer, startLoopbackServer, unusedLoopbackUrl } from '../test-kit/loopback-server.ts';
import { rawOnly } from '../test-kit/preflight-requests.ts';
import { anthropicPreflight } from './preflight.ts';

let server: LoopbackServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('anthropicPreflight', () => {
  it('accepts a model listed in /v1/models (LM Studio, llama-server, vLLM)', async () => {
    server = await startLoopbackServer({
      'GET /v1/models': {
        status: 200,
        body: { data: [{ id: 'google/gemma-4-26b-a4b', owned_by: 'organization_owner' }] },
      },
    });
    const result = await anthropicPreflight(server.url, 'google/gemma-4-26b-a4b', fetch, rawOnly);
    expect(result.modelInfo.served_id).toBe('google/gemma-4-26b-a4b');
    expect(result.version).toBeNull();
  });

  it("accepts Ollama's untagged name for the :latest model and adds its fingerprint", async () => {
    server = await startLoopbackServer({
      'GET /v1/models': { status: 200, body: { data: [{ id: 'qwen3:latest', owned_by: 'library' }] } },
      'GET /api/version': { status: 200, body: { version: '0.14.1' } },
      'POST /api/show': { status: 200, body: { details: { quantization_level: 'Q4_K_M' } } },
      'GET /api/tags': { status: 200, body: { models: [{ name: 'qwen3:latest', digest: 'sha256-l' }] } },
    });
    const result = await anthropicPreflight(server.url, 'qwen3', fetch, rawOnly);
    expect(result.version).toBe('0.14.1');
    expect(result.modelInfo).toMatchObject({
      served_id: 'qwen3:latest',
      digest: 'sha256-l',
      quantization_level: 'Q4_K_M',
    });
  });

  it('falls back to the Ollama checks when the server has no /v1/models', async () => {
    server = await startLoopbackServer({
      'GET /api/version': { status: 200, body: { version: '0.14.0' } },
      'POST /api/show': { status: 404, body: { error: "model 'x' not found" } },
      'GET /api/tags': { status: 200, body: { models: [{ name: 'qwen3:8b', digest: 'd' }] } },
    });
    await expect(anthropicPreflight(server.url, 'x', fetch, rawOnly)).rejects.toMatchObject({
      code: 'MODEL_NOT_FOUND',
      message: `Model "x" is not available on Ollama at ${server.url}. Pull it with "ollama pull x" (installed: qwen3:8b).`,
    });
  });

  it('names the available models when the requested one is missing', async () => {
    server = await startLoopbackServer({
      'GET /v1/models': { status: 200, body: { data: [{ id: 'a', owned_by: 'vllm' }] } },
    });
    await expect(anthropicPreflight(server.url, 'b', fetch, rawOnly)).rejects.toMatchObject({
      code: 'MODEL_NOT_FOUND',
      message: expect.stringContaining('(available: a)'),
    });
  });

  it('says the backend is unreachable and which servers speak this dialect', async () => {
    const url = await unusedLoopbackUrl();
    await expect(anthropicPreflight(url, 'm', fetch, rawOnly)).rejects.toMatchObject({
      code: 'BACKEND_UNREACHABLE',
      message: `Backend unreachable at ${url} (ECONNREFUSED). Start the server (Ollama ≥ 0.14, LM Studio ≥ 0.4.1, llama-server or vLLM) or pass --base-url. To try the harness without a model server, use --backend sim.`,
    });
  });
});
