import { afterEach, describe, expect, it } from 'vitest';
import { HarnessError } from '../../core/errors.ts';
import {
  type LoopbackServer,
  type Routes,
  startLoopbackServer,
  unusedLoopbackUrl,
} from '../test-kit/loopback-server.ts';
import { rawOnly } from '../test-kit/preflight-requests.ts';
import { ollamaPreflight } from './preflight.ts';

const tags = {
  models: [
    { name: 'qwen3:8b', digest: 'sha256-qwen', details: { family: 'qwen3' } },
    { name: 'gemma4:26b', digest: 'sha256-gemma', details: { family: 'gemma4' } },
  ],
};
const show = {
  details: {
    parent_model: '',
    format: 'gguf',
    family: 'qwen3',
    families: ['qwen3'],
    parameter_size: '8.2B',
    quantization_level: 'Q4_K_M',
  },
  model_info: { 'general.architecture': 'qwen3', 'general.parameter_count': 8190735360, 'qwen3.context_length': 40960 },
};

function ollamaRoutes(installed: string[]): Routes {
  return {
    'GET /api/version': { status: 200, body: { version: '0.20.2' } },
    'GET /api/tags': { status: 200, body: tags },
    'POST /api/show': (body) => {
      const model = (body as { model?: string }).model ?? '';
      return installed.includes(model)
        ? { status: 200, body: show }
        : { status: 404, body: { error: `model '${model}' not found` } };
    },
  };
}

let server: LoopbackServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('ollamaPreflight', () => {
  it('returns the Ollama version and the model fingerprint', async () => {
    server = await startLoopbackServer(ollamaRoutes(['qwen3:8b']));
    const result = await ollamaPreflight(server.url, 'qwen3:8b', fetch, rawOnly);
    expect(result).toMatchObject({
      server: 'ollama',
      context: { kind: 'known', tokens: 32768 },
      version: '0.20.2',
      modelInfo: {
        digest: 'sha256-qwen',
        family: 'qwen3',
        format: 'gguf',
        parameter_size: '8.2B',
        quantization_level: 'Q4_K_M',
        parameter_count: 8190735360,
        context_length: 40960,
      },
    });
    expect(server.requests).toEqual(['GET /api/version', 'POST /api/show', 'GET /api/tags', 'GET /api/ps']);
  });

  it('says how to start Ollama (and how to try without one) when nothing listens', async () => {
    const url = await unusedLoopbackUrl();
    const error = await ollamaPreflight(url, 'qwen3:8b', fetch, rawOnly).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HarnessError);
    expect(error).toMatchObject({ code: 'BACKEND_UNREACHABLE' });
    expect((error as Error).message).toBe(
      `Backend unreachable at ${url} (ECONNREFUSED). Start it with "ollama serve" or pass --base-url. To try the harness without a model server, use --backend sim.`,
    );
  });

  it('names the missing model, the pull command and the installed models', async () => {
    server = await startLoopbackServer(ollamaRoutes(['qwen3:8b']));
    const error = await ollamaPreflight(server.url, 'llama9', fetch, rawOnly).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: 'MODEL_NOT_FOUND',
      message: `Model "llama9" is not available on Ollama at ${server.url}. Pull it with "ollama pull llama9" (installed: qwen3:8b, gemma4:26b).`,
    });
  });

  it('rejects a server that is not Ollama', async () => {
    server = await startLoopbackServer({ 'GET /v1/models': { status: 200, body: { data: [] } } });
    const error = await ollamaPreflight(server.url, 'qwen3:8b', fetch, rawOnly).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'BACKEND_ERROR' });
    expect((error as Error).message).toMatch(/does not answer GET \/api\/version like Ollama \(HTTP 404\)/);
  });
});
