import { describe, expect, it } from 'vitest';
import { systemClock } from '../core/context.ts';
import { startSimServer } from './server.ts';
import { postJson } from './test-kit/read-wire.ts';

const prompt = [{ role: 'user', content: 'Say something.' }];

describe('the sim server', () => {
  it('binds 127.0.0.1 on a free port and answers /health', async () => {
    const sim = await startSimServer();
    try {
      expect(sim.url).toBe(`http://127.0.0.1:${sim.port}`);
      expect(sim.port).toBeGreaterThan(0);
      const response = await fetch(`${sim.url}/health`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok' });
    } finally {
      await sim.close();
    }
  });

  it('logs every request with its arrival and finish time, and serves concurrent requests side by side', async () => {
    const sim = await startSimServer({ timeScale: 0.1 });
    try {
      const before = systemClock.now();
      await Promise.all([
        postJson(`${sim.url}/api/chat`, { model: 'sim-timed', messages: prompt }).then((r) => r.text()),
        postJson(`${sim.url}/v1/messages`, {
          model: 'sim-timed',
          max_tokens: 100,
          stream: true,
          messages: prompt,
        }).then((r) => r.text()),
      ]);
      await fetch(`${sim.url}/api/tags`);
      const log = sim.requests();
      expect(log.map((r) => [r.method, r.path, r.dialect, r.model, r.status])).toEqual([
        ['POST', '/api/chat', 'ollama', 'sim-timed', 200],
        ['POST', '/v1/messages', 'anthropic', 'sim-timed', 200],
        ['GET', '/api/tags', 'ollama', null, 200],
      ]);
      const [a, b] = log;
      expect(a?.receivedAt).toBeGreaterThanOrEqual(before);
      // The sim itself never serialises: the second arrived before the first finished.
      expect(b?.receivedAt).toBeLessThan(a?.finishedAt as number);
      expect(log.every((r) => r.clientAborted === false)).toBe(true);
      expect(log.map((r) => r.tokensGenerated)).toEqual([120, 100, 0]);
    } finally {
      await sim.close();
    }
  });

  it('stops generating when the client goes away', async () => {
    const sim = await startSimServer();
    try {
      const controller = new AbortController();
      const response = await postJson(
        `${sim.url}/api/chat`,
        { model: 'sim-timed', messages: prompt },
        controller.signal,
      );
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      await reader.read();
      controller.abort();
      await expect(reader.read()).rejects.toThrow();
      await new Promise((resolve) => setTimeout(resolve, 100));
      const soonAfter = sim.requests()[0]?.tokensGenerated as number;
      // At 40 tok/s, 300 ms more generation would add about 12 tokens.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const [entry] = sim.requests();
      expect(entry?.clientAborted).toBe(true);
      expect(entry?.tokensGenerated).toBe(soonAfter);
      expect(soonAfter).toBeLessThan(120);
    } finally {
      await sim.close();
    }
  });

  it.each([
    ['/api/chat', { model: 'sim-silent', messages: prompt }],
    ['/v1/messages', { model: 'sim-silent', max_tokens: 10, stream: true, messages: prompt }],
    ['/v1/chat/completions', { model: 'sim-silent', stream: true, messages: prompt }],
  ])('sim-silent on %s sends not even headers until the client gives up', async (path, body) => {
    const sim = await startSimServer();
    try {
      await expect(postJson(`${sim.url}${path}`, body, AbortSignal.timeout(250))).rejects.toThrow();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(sim.requests()[0]).toMatchObject({ model: 'sim-silent', status: null, clientAborted: true });
    } finally {
      await sim.close();
    }
  });

  it('closes even while a silent request is still open', async () => {
    const sim = await startSimServer();
    const pending = postJson(`${sim.url}/api/chat`, { model: 'sim-silent', messages: prompt });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await sim.close();
    await expect(pending).rejects.toThrow();
  });

  it('answers unknown paths with 404', async () => {
    const sim = await startSimServer();
    try {
      expect((await fetch(`${sim.url}/nope`)).status).toBe(404);
      // llama-server's /props is served only when the sim imitates llama-server.
      expect((await fetch(`${sim.url}/props`)).status).toBe(404);
    } finally {
      await sim.close();
    }
  });
});
