import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { StreamEvent } from '../core/messages.ts';
import type { ProxyOptionsInput } from './options.ts';
import { defaultProxyOptions } from './options.ts';
import { startProxy } from './server.ts';
import type { FakeDialectOptions } from './test-kit/fake-dialect.ts';
import { fakeDialect } from './test-kit/fake-dialect.ts';
import {
  delay,
  messageStart,
  openSse,
  textMessage,
  type UpstreamScript,
  writeEvents,
} from './test-kit/fake-upstream.ts';
import { messagesRequest, parseSseFrames, postJson } from './test-kit/sse-client.ts';
import { startTestProxy, type TestProxy } from './test-kit/test-proxy.ts';

let running: TestProxy | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

async function proxyWith(
  script: UpstreamScript,
  options: Partial<ProxyOptionsInput> = {},
  dialect: FakeDialectOptions = {},
): Promise<TestProxy> {
  running = await startTestProxy(script, options, dialect);
  return running;
}

/** Waits until `predicate` holds (bounded). */
async function until(predicate: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!predicate()) {
    if (performance.now() > deadline) throw new Error('condition not reached in time');
    await delay(5);
  }
}

describe('serialisation', () => {
  it('sends two concurrent requests upstream one after the other with maxConcurrency 1', async () => {
    const endedAt: number[] = [];
    const { proxy, upstream } = await proxyWith(async (hit, res) => {
      openSse(res);
      // Only the first turn is slow, so the second's TTFT shows whether its queue wait leaked in.
      if (upstream.hits.indexOf(hit) === 0) await delay(80);
      writeEvents(res, textMessage(['done']));
      endedAt.push(performance.now());
      res.end();
    });
    await Promise.all([
      postJson(`${proxy.url}/v1/messages`, messagesRequest()),
      postJson(`${proxy.url}/v1/messages`, messagesRequest()),
    ]);
    const [, second] = upstream.hits;
    // The second request reached the upstream only after the first answer was complete.
    expect(second?.arrivedAt).toBeGreaterThanOrEqual(endedAt[0] ?? Infinity);
    const waited = [...proxy.exchanges()].sort((a, b) => a.timings.queueMs - b.timings.queueMs)[1];
    // The second waited for the whole slow first turn, and that wait is not part of its TTFT.
    expect(waited?.timings.queueMs).toBeGreaterThanOrEqual(75);
    expect(waited?.timings.ttftMs).toBeLessThan(waited?.timings.queueMs ?? 0);
  });

  it('lets two requests overlap upstream with maxConcurrency 2', async () => {
    const { proxy, upstream } = await proxyWith(
      async (_hit, res) => {
        openSse(res);
        await delay(80);
        writeEvents(res, textMessage(['done']));
        res.end();
      },
      { maxConcurrency: 2 },
    );
    await Promise.all([
      postJson(`${proxy.url}/v1/messages`, messagesRequest()),
      postJson(`${proxy.url}/v1/messages`, messagesRequest()),
    ]);
    const [first, second] = upstream.hits;
    expect(second?.arrivedAt).toBeLessThan(first?.finishedAt ?? 0);
  });
});

describe('upstream connections', () => {
  it('reuses one keep-alive connection for consecutive turns', async () => {
    const { proxy, upstream } = await proxyWith((_hit, res) => {
      openSse(res);
      writeEvents(res, textMessage(['hi']));
      // Bytes after message_stop (a trailing comment) must not cost the connection.
      res.end(': done\n\n');
    });
    for (let turn = 0; turn < 4; turn++)
      await postJson(`${proxy.url}/v1/messages`, messagesRequest({ stream: turn % 2 === 0 }));
    expect(upstream.hits).toHaveLength(4);
    expect(upstream.connections()).toBe(1);
  });
});

describe('response headers', () => {
  it('are sent as soon as the upstream answers, before its first event', async () => {
    const { proxy } = await proxyWith(async (_hit, res) => {
      openSse(res);
      res.flushHeaders();
      await delay(200); // prefill after the upstream answered
      writeEvents(res, textMessage(['hi']));
      res.end();
    });
    const started = performance.now();
    const response = await fetch(`${proxy.url}/v1/messages`, {
      method: 'POST',
      body: JSON.stringify(messagesRequest()),
    });
    const headersAt = performance.now();
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    await response.text();
    expect(performance.now() - headersAt).toBeGreaterThanOrEqual(150);
    expect(headersAt - started).toBeLessThan(150);
  });
});

describe('keep-alive pings', () => {
  it('sends ping frames while the upstream is silent, then the message', async () => {
    const { proxy } = await proxyWith(
      async (_hit, res) => {
        await delay(200); // prefill: no headers, no bytes
        openSse(res);
        writeEvents(res, textMessage(['hi']));
        res.end();
      },
      { pingIntervalMs: 30 },
    );
    const answer = await postJson(`${proxy.url}/v1/messages`, messagesRequest());
    const events = parseSseFrames(answer.text).map((frame) => frame.event);
    const firstMessage = events.indexOf('message_start');
    expect(firstMessage).toBeGreaterThanOrEqual(2);
    expect(events.slice(0, firstMessage).every((event) => event === 'ping')).toBe(true);
    expect(answer.text.startsWith('event: ping\ndata: {"type":"ping"}\n\n')).toBe(true);
    expect(proxy.exchanges()[0]?.kind).toBe('model');
  });

  it('pings a request still waiting in the queue', async () => {
    const { proxy } = await proxyWith(
      async (_hit, res) => {
        await delay(150);
        openSse(res);
        writeEvents(res, textMessage(['hi']));
        res.end();
      },
      { pingIntervalMs: 40 },
    );
    const [, second] = await Promise.all([
      postJson(`${proxy.url}/v1/messages`, messagesRequest()),
      (async () => {
        await delay(10);
        return postJson(`${proxy.url}/v1/messages`, messagesRequest());
      })(),
    ]);
    const events = parseSseFrames(second.text).map((frame) => frame.event);
    expect(events.filter((event) => event === 'ping').length).toBeGreaterThanOrEqual(3);
  });
});

describe('client disconnect', () => {
  it('aborts the upstream request and records clientAborted', async () => {
    const { proxy, upstream } = await proxyWith(async (_hit, res) => {
      openSse(res);
      writeEvents(res, textMessage(['first']).slice(0, 3));
      // ...and then nothing: a model stuck in a long generation.
    });
    const controller = new AbortController();
    const response = await fetch(`${proxy.url}/v1/messages`, {
      method: 'POST',
      body: JSON.stringify(messagesRequest()),
      signal: controller.signal,
    });
    const reader = response.body?.getReader();
    await reader?.read();
    controller.abort();
    await until(() => upstream.hits[0]?.closedEarly === true && proxy.exchanges().length === 1);
    expect(proxy.exchanges()[0]).toMatchObject({ clientAborted: true, kind: 'model' });
  });

  it('drops a queued request whose client left before its turn', async () => {
    const { proxy, upstream } = await proxyWith(async (_hit, res) => {
      openSse(res);
      await delay(150);
      writeEvents(res, textMessage(['hi']));
      res.end();
    });
    const first = postJson(`${proxy.url}/v1/messages`, messagesRequest());
    await until(() => upstream.hits.length === 1);
    const controller = new AbortController();
    const second = fetch(`${proxy.url}/v1/messages`, {
      method: 'POST',
      body: JSON.stringify(messagesRequest({ stream: false })),
      signal: controller.signal,
    }).catch(() => null);
    await delay(30);
    controller.abort();
    await second;
    await first;
    await until(() => proxy.exchanges().length === 2);
    await delay(50);
    expect(upstream.hits).toHaveLength(1);
    expect(proxy.exchanges().find((r) => !r.stream)).toMatchObject({
      clientAborted: true,
      upstream: { model: 'local-model' },
      response: null,
    });
  });
});

describe('errors', () => {
  it('answers an upstream error before streaming with its status and the Anthropic error JSON', async () => {
    const { proxy } = await proxyWith((_hit, res) => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { type: 'not_found_error', message: 'model "local-model" not found' } }));
    });
    const answer = await postJson(`${proxy.url}/v1/messages`, messagesRequest());
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.text)).toEqual({
      type: 'error',
      error: { type: 'not_found_error', message: 'model "local-model" not found' },
    });
    expect(proxy.exchanges()[0]?.error).toEqual({
      status: 404,
      type: 'not_found_error',
      message: 'model "local-model" not found',
    });
  });

  it('sends an error event after streaming began and ends the stream', async () => {
    const { proxy } = await proxyWith((_hit, res) => {
      openSse(res);
      writeEvents(res, [messageStart('m'), { type: 'error', error: { type: 'overloaded_error', message: 'busy' } }]);
      res.end();
    });
    const answer = await postJson(`${proxy.url}/v1/messages`, messagesRequest());
    expect(answer.status).toBe(200);
    expect(parseSseFrames(answer.text)).toEqual([
      { event: 'message_start', data: messageStart('m') },
      { event: 'error', data: { type: 'error', error: { type: 'overloaded_error', message: 'busy' } } },
    ]);
  });

  it('gives a non-stream client the status of a mid-stream error', async () => {
    const { proxy } = await proxyWith((_hit, res) => {
      openSse(res);
      writeEvents(res, [messageStart('m'), { type: 'error', error: { type: 'overloaded_error', message: 'busy' } }]);
      res.end();
    });
    const answer = await postJson(`${proxy.url}/v1/messages`, messagesRequest({ stream: false }));
    expect(answer.status).toBe(529);
    expect(JSON.parse(answer.text)).toEqual({ type: 'error', error: { type: 'overloaded_error', message: 'busy' } });
  });

  it('answers 502 api_error naming the URL when the upstream is unreachable', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const proxy = await startProxy(
      defaultProxyOptions({ dialect: 'anthropic', baseUrl: `http://127.0.0.1:${closedPort}` }),
      fakeDialect(),
    );
    try {
      const answer = await postJson(`${proxy.url}/v1/messages`, messagesRequest());
      expect(answer.status).toBe(502);
      expect(JSON.parse(answer.text)).toEqual({
        type: 'error',
        error: {
          type: 'api_error',
          message: `Upstream unreachable at http://127.0.0.1:${closedPort}/v1/messages: ECONNREFUSED. Start the backend or check --base-url.`,
        },
      });
    } finally {
      await proxy.close();
    }
  });

  it.each<[string, (res: import('node:http').ServerResponse) => void, RegExp]>([
    ['malformed data', (res) => res.end('event: message_start\ndata: {not json\n\n'), /malformed upstream data/],
    [
      'a stream cut before message_stop',
      (res) => {
        writeEvents(res, textMessage(['par']).slice(0, 3));
        res.end();
      },
      /ended before message_stop \(truncated\)/,
    ],
  ])('ends the turn with an error event on %s', async (_label, body, message) => {
    const { proxy } = await proxyWith((_hit, res) => {
      openSse(res);
      body(res);
    });
    const answer = await postJson(`${proxy.url}/v1/messages`, messagesRequest());
    const frames = parseSseFrames(answer.text);
    expect(frames.at(-1)).toEqual({
      event: 'error',
      data: { type: 'error', error: { type: 'api_error', message: expect.stringMatching(message) } },
    });
    expect(proxy.exchanges()[0]?.error?.message).toMatch(message);
  });

  it('survives a handler that throws: 500 for that request, the next one works', async () => {
    const { proxy } = await proxyWith(
      (_hit, res) => {
        openSse(res);
        writeEvents(res, textMessage(['fine']));
        res.end();
      },
      {},
      { explodeOnModel: 'local-model' },
    );
    const broken = await postJson(`${proxy.url}/v1/messages`, messagesRequest());
    expect(broken.status).toBe(500);
    expect(JSON.parse(broken.text)).toEqual({
      type: 'error',
      error: { type: 'api_error', message: expect.stringMatching(/dialect exploded/) },
    });
    expect(proxy.exchanges()[0]?.error?.type).toBe('api_error');
  });

  it('keeps serving after a request whose handler crashed', async () => {
    const upstreamScript: UpstreamScript = (_hit, res) => {
      openSse(res);
      writeEvents(res, textMessage(['fine']));
      res.end();
    };
    running = await startTestProxy(upstreamScript, { settings: { modelOverride: null } }, { explodeOnModel: 'boom' });
    const { proxy } = running;
    expect((await postJson(`${proxy.url}/v1/messages`, messagesRequest({ model: 'boom' }))).status).toBe(500);
    const next = await postJson(`${proxy.url}/v1/messages`, messagesRequest({ model: 'fine-model' }));
    expect(next.status).toBe(200);
    expect(parseSseFrames(next.text).map((frame) => frame.event)).toContain('message_stop');
  });
});

describe('server timings', () => {
  it('keeps the upstream server timings as reported', async () => {
    const { proxy } = await proxyWith((_hit, res) => {
      openSse(res);
      const events: unknown[] = [
        ...textMessage(['a', 'b']).slice(0, -1),
        { type: 'timings' },
        { type: 'message_stop' },
      ];
      writeEvents(res, events as StreamEvent[]);
      res.end();
    });
    const answer = await postJson(`${proxy.url}/v1/messages`, messagesRequest());
    expect(answer.text).not.toMatch(/timings/);
    expect(proxy.exchanges()[0]?.serverTimings).toEqual({
      decodeTokens: 3,
      decodeMs: 30,
      prefillTokens: 10,
      prefillMs: 5,
      loadMs: null,
    });
  });
});

describe('last-resort error handling', () => {
  it('answers 500 when a handler throws outside the turn logic and keeps serving', async () => {
    const dialect = fakeDialect();
    let throwOnce = true;
    Object.defineProperty(dialect, 'kind', {
      get() {
        if (throwOnce) {
          throwOnce = false;
          throw new Error('kind unavailable');
        }
        return 'anthropic';
      },
    });
    const upstream = await startProxy(
      defaultProxyOptions({ dialect: 'anthropic', baseUrl: 'http://127.0.0.1:9' }),
      dialect,
    );
    try {
      const crashed = await fetch(`${upstream.url}/health`);
      expect(crashed.status).toBe(500);
      expect(await crashed.json()).toEqual({
        type: 'error',
        error: { type: 'api_error', message: 'Proxy internal error: kind unavailable' },
      });
      const next = await fetch(`${upstream.url}/health`);
      expect(await next.json()).toMatchObject({ status: 'ok', dialect: 'anthropic' });
    } finally {
      await upstream.close();
    }
  });
});
