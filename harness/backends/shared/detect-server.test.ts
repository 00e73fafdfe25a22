import { afterEach, describe, expect, it } from 'vitest';
import { detectServer } from './detect-server.ts';
import { type LoopbackServer, type Routes, startLoopbackServer, unusedLoopbackUrl } from './loopback-server.ts';

let server: LoopbackServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('detectServer', () => {
  // What each server answers on the route only it has.
  it.each<[string, Routes]>([
    ['ollama', { 'GET /api/version': { status: 200, body: { version: '0.14.1' } } }],
    [
      'llama-server',
      {
        'GET /props': { status: 200, body: { default_generation_settings: { n_ctx: 4096 }, build_info: 'b1-de3ff81' } },
      },
    ],
    ['vllm', { 'GET /version': { status: 200, body: { version: '0.11.0' } } }],
    ['lmstudio', { 'GET /api/v0/models': { status: 200, body: { object: 'list', data: [] } } }],
    ['unknown', { 'GET /v1/models': { status: 200, body: { data: [] } } }],
  ])('recognises %s', async (expected, routes) => {
    server = await startLoopbackServer(routes);
    expect(await detectServer(server.url, fetch)).toBe(expected);
  });

  it('asks Ollama only one question', async () => {
    server = await startLoopbackServer({ 'GET /api/version': { status: 200, body: { version: '0.14.1' } } });
    await detectServer(server.url, fetch);
    expect(server.requests).toEqual(['GET /api/version']);
  });

  it('says unknown, without throwing, when nothing answers', async () => {
    expect(await detectServer(await unusedLoopbackUrl(), fetch)).toBe('unknown');
  });
});
