/**
 * The relay through a dialect with a push-driven decoder (the real anthropic and openai dialects):
 * upstream reads are decoded and written as they arrive. Frame by frame, like the fake-dialect
 * suites, plus what only this path can get wrong: one read holding many events, a connection
 * cut mid-stream, and giving the keep-alive socket back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { anthropicDialect } from '../backends/anthropic/index.ts';
import { openAiDialect } from '../backends/openai/index.ts';
import type { Dialect } from '../backends/types.ts';
import type { StreamEvent } from '../core/messages.ts';
import { sseFrame } from './sse.ts';
import {
  delay,
  messageStart,
  openSse,
  textMessage,
  type UpstreamScript,
  writeEvents,
} from './test-kit/fake-upstream.ts';
import { messagesRequest, parseSseFrames, postJson } from './test-kit/sse-client.ts';
import { startTestProxyWith, type TestProxy } from './test-kit/test-proxy.ts';

let running: TestProxy | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

async function proxyWith(script: UpstreamScript, dialect: Dialect = anthropicDialect): Promise<TestProxy> {
  expect(dialect.createDecoder).toBeTypeOf('function');
  running = await startTestProxyWith(dialect, script);
  return running;
}

async function until(predicate: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!predicate()) {
    if (performance.now() > deadline) throw new Error('condition not reached in time');
    await delay(5);
  }
}

const answering =
  (events: readonly StreamEvent[]): UpstreamScript =>
  (_hit, res) => {
    openSse(res);
    writeEvents(res, events);
    res.end();
  };

/**
 * What the proxy relays for `events`: the same frames, with the model Claude Code asked for in
 * message_start (the decoder never passes on the upstream's model id).
 */
const relayed = (events: readonly StreamEvent[]): string =>
  events
    .map((e) => (e.type === 'message_start' ? { ...e, message: { ...e.message, model: 'local-model' } } : e))
    .map(sseFrame)
    .join('');

describe('push-driven relay', () => {
  it('relays every upstream event as an exact event/data frame and records the turn', async () => {
    const events = textMessage(['Hel', 'lo', ' wörld']);
    const { proxy } = await proxyWith(answering(events));
    const answer = await postJson(`${proxy.url}/v1/messages`, messagesRequest());
    expect(answer.status).toBe(200);
    expect(answer.text).toBe(relayed(events));
    const [record] = proxy.exchanges();
    expect(record).toMatchObject({
      error: null,
      stopReason: 'end_turn',
      usage: { inputTokens: 42, outputTokens: 3 },
      clientAborted: false,
    });
    expect(record?.response?.content).toEqual([{ type: 'text', text: 'Hello wörld' }]);
    expect(record?.timings.deltaCount).toBe(3);
    expect(record?.timings.ttftMs).toEqual(expect.any(Number));
  });

  it('relays a stream that arrives in one upstream write, every frame in order', async () => {
    const events = textMessage(Array.from({ length: 3000 }, (_, i) => `t${i} `));
    const { proxy } = await proxyWith((_hit, res) => {
      openSse(res);
      res.end(events.map(sseFrame).join(''));
    });
    const answer = await postJson(`${proxy.url}/v1/messages`, messagesRequest());
    expect(answer.text).toBe(relayed(events));
    expect(proxy.exchanges()[0]?.timings.deltaCount).toBe(3000);
  });

  it('delivers the first token while the upstream is still generating', async () => {
    const events = textMessage(['first', 'second']);
    running = await startTestProxyWith(anthropicDialect, async (_hit, res) => {
      openSse(res);
      writeEvents(res, events.slice(0, 3));
      await delay(200);
      writeEvents(res, events.slice(3));
      res.end();
    });
    const response = await fetch(`${running.proxy.url}/v1/messages`, {
      method: 'POST',
      body: JSON.stringify(messagesRequest()),
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    let firstDeltaAt: number | null = null;
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      text += decoder.decode(chunk.value, { stream: true });
      if (firstDeltaAt === null && text.includes('"text":"first"')) firstDeltaAt = performance.now();
    }
    expect(firstDeltaAt).not.toBeNull();
    expect(performance.now() - (firstDeltaAt ?? 0)).toBeGreaterThanOrEqual(150);
    expect(text).toBe(relayed(events));
  });

  it('gives the upstream socket back after message_stop: two turns, one connection', async () => {
    const { proxy, upstream } = await proxyWith(answering(textMessage(['ok'])));
    await postJson(`${proxy.url}/v1/messages`, messagesRequest());
    await postJson(`${proxy.url}/v1/messages`, messagesRequest());
    expect(upstream.hits).toHaveLength(2);
    expect(upstream.connections()).toBe(1);
  });

  it('assembles one JSON message for a non-stream client', async () => {
    const { proxy } = await proxyWith(answering(textMessage(['a', 'b'])));
    const answer = await postJson(`${proxy.url}/v1/messages`, messagesRequest({ stream: false }));
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({
      model: 'local-model',
      content: [{ type: 'text', text: 'ab' }],
      stop_reason: 'end_turn',
    });
  });
});

describe('push-driven relay: failures', () => {
  it.each<[string, UpstreamScript, RegExp]>([
    [
      'malformed data',
      (_hit, res) => {
        openSse(res);
        res.end('event: message_start\ndata: {not json\n\n');
      },
      /^Upstream sent malformed SSE data/,
    ],
    [
      'a stream cut before message_stop',
      (_hit, res) => {
        openSse(res);
        writeEvents(res, textMessage(['par']).slice(0, 3));
        res.end();
      },
      /^Upstream stream was truncated/,
    ],
    [
      'a connection reset mid-stream',
      async (_hit, res) => {
        openSse(res);
        writeEvents(res, textMessage(['par']).slice(0, 3));
        await delay(20);
        res.socket?.destroy();
      },
      /^Upstream stream failed/,
    ],
  ])('ends the turn with an error event on %s, and the next turn works', async (_label, script, message) => {
    let calls = 0;
    const { proxy } = await proxyWith((hit, res) =>
      ++calls === 1 ? script(hit, res) : answering(textMessage(['fine']))(hit, res),
    );
    const broken = await postJson(`${proxy.url}/v1/messages`, messagesRequest());
    expect(parseSseFrames(broken.text).at(-1)).toEqual({
      event: 'error',
      data: { type: 'error', error: { type: 'api_error', message: expect.stringMatching(message) } },
    });
    expect(proxy.exchanges()[0]?.error?.message).toMatch(message);
    const next = await postJson(`${proxy.url}/v1/messages`, messagesRequest());
    expect(next.text).toBe(relayed(textMessage(['fine'])));
  });

  it('ends the turn with an error event when the decoder throws, and keeps serving', async () => {
    let pushes = 0;
    const flaky: Dialect = {
      ...anthropicDialect,
      createDecoder(request) {
        const real = anthropicDialect.createDecoder?.(request);
        if (real === undefined) throw new Error('the anthropic dialect has no push decoder');
        return {
          get done() {
            return real.done;
          },
          push(chunk) {
            if (++pushes === 1) throw new Error('decoder bug');
            return real.push(chunk);
          },
          end: (error) => real.end(error),
        };
      },
    };
    const { proxy } = await proxyWith(answering(textMessage(['ok'])), flaky);
    const broken = await postJson(`${proxy.url}/v1/messages`, messagesRequest());
    expect(broken.status).toBe(200);
    expect(parseSseFrames(broken.text)).toEqual([
      {
        event: 'error',
        data: { type: 'error', error: { type: 'api_error', message: 'Upstream stream failed: decoder bug' } },
      },
    ]);
    const next = await postJson(`${proxy.url}/v1/messages`, messagesRequest());
    expect(next.text).toBe(relayed(textMessage(['ok'])));
  });

  it('passes an upstream error event through after streaming began', async () => {
    const { proxy } = await proxyWith(
      answering([messageStart('m'), { type: 'error', error: { type: 'overloaded_error', message: 'busy' } }]),
    );
    const answer = await postJson(`${proxy.url}/v1/messages`, messagesRequest());
    expect(parseSseFrames(answer.text)).toEqual([
      { event: 'message_start', data: messageStart('local-model') },
      { event: 'error', data: { type: 'error', error: { type: 'overloaded_error', message: 'busy' } } },
    ]);
  });

  it('ends an OpenAI stream without a finish reason with an error event', async () => {
    const { proxy } = await proxyWith((_hit, res) => {
      openSse(res);
      res.end(
        `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: 'par' }, finish_reason: null }] })}\n\n`,
      );
    }, openAiDialect);
    const answer = await postJson(`${proxy.url}/v1/messages`, messagesRequest());
    const frames = parseSseFrames(answer.text);
    expect(frames.map((frame) => frame.event)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'error',
    ]);
    expect(frames.at(-1)?.data).toEqual({
      type: 'error',
      error: { type: 'api_error', message: expect.stringMatching(/^Upstream stream was truncated/) },
    });
  });

  it('aborts the upstream request when the client disconnects and records clientAborted', async () => {
    const { proxy, upstream } = await proxyWith((_hit, res) => {
      openSse(res);
      writeEvents(res, textMessage(['first']).slice(0, 3));
    });
    const controller = new AbortController();
    const response = await fetch(`${proxy.url}/v1/messages`, {
      method: 'POST',
      body: JSON.stringify(messagesRequest()),
      signal: controller.signal,
    });
    await response.body?.getReader().read();
    controller.abort();
    await until(() => upstream.hits[0]?.closedEarly === true && proxy.exchanges().length === 1);
    expect(proxy.exchanges()[0]).toMatchObject({ clientAborted: true, error: null });
  });
});
