import { afterEach, describe, expect, it } from 'vitest';
import { anthropicDialect } from '../backends/index.ts';
import type { ProxyOptionsInput } from './options.ts';
import type { FakeDialectOptions } from './test-kit/fake-dialect.ts';
import { openSse, textMessage, writeEvents } from './test-kit/fake-upstream.ts';
import { messagesRequest, parseSseFrames, postJson } from './test-kit/sse-client.ts';
import { startTestProxy, startTestProxyWith, type TestProxy } from './test-kit/test-proxy.ts';

let running: TestProxy | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

async function proxyWith(
  options: Partial<ProxyOptionsInput> = {},
  dialect: FakeDialectOptions = {},
  countAnswer: { status: number; body: unknown } = { status: 200, body: { input_tokens: 1234 } },
): Promise<TestProxy> {
  running = await startTestProxy(
    (hit, res) => {
      if (hit.path.endsWith('/count_tokens')) {
        res.writeHead(countAnswer.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(countAnswer.body));
        return;
      }
      openSse(res);
      writeEvents(res, textMessage(['from upstream']));
      res.end();
    },
    options,
    dialect,
  );
  return running;
}

const titleRequest = (stream: boolean) =>
  messagesRequest({
    stream,
    model: 'claude-haiku-4-5',
    system: [{ type: 'text', text: 'You are naming a coding session so the user can pick it out.' }],
    messages: [{ role: 'user', content: '<session>fix bug</session>' }],
  });

describe('housekeeping', () => {
  it('answers a title request locally as a valid stream and records it as housekeeping', async () => {
    const { proxy, upstream } = await proxyWith();
    const answer = await postJson(`${proxy.url}/v1/messages`, titleRequest(true));
    const frames = parseSseFrames(answer.text);
    expect(frames.map((f) => f.event)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(frames[2]?.data).toEqual({
      type: 'content_block_delta',
      index: 0,
      delta: { type: 'text_delta', text: '{"title":"Coding session"}' },
    });
    expect(upstream.hits).toEqual([]);
    expect(proxy.exchanges()[0]).toMatchObject({
      kind: 'housekeeping',
      route: 'local',
      upstream: null,
      stopReason: 'end_turn',
    });
  });

  it('answers a quota probe locally as one JSON message', async () => {
    const { proxy, upstream } = await proxyWith();
    const answer = await postJson(
      `${proxy.url}/v1/messages`,
      messagesRequest({ stream: false, max_tokens: 1, messages: [{ role: 'user', content: 'quota' }] }),
    );
    expect(JSON.parse(answer.text)).toMatchObject({
      type: 'message',
      role: 'assistant',
      content: [{ type: 'text', text: 'ok' }],
      stop_reason: 'end_turn',
    });
    expect(upstream.hits).toEqual([]);
    expect(proxy.exchanges()[0]?.kind).toBe('housekeeping');
  });

  it.each([
    ['model', { kind: 'model' } as const, 'local-model'],
    ['upstream_model', { kind: 'upstream_model', model: 'tiny-model' } as const, 'tiny-model'],
  ])(
    'routes housekeeping upstream under "%s" and still records it as housekeeping',
    async (_label, housekeeping, expectedModel) => {
      const { proxy, upstream } = await proxyWith({ housekeeping });
      await postJson(`${proxy.url}/v1/messages`, titleRequest(true));
      expect(upstream.hits[0]?.body.model).toBe(expectedModel);
      expect(proxy.exchanges()[0]).toMatchObject({
        kind: 'housekeeping',
        route: 'upstream',
        upstream: { model: expectedModel },
      });
    },
  );

  it('maps claude-* model names of real turns to the configured model', async () => {
    const { proxy, upstream } = await proxyWith();
    await postJson(`${proxy.url}/v1/messages`, messagesRequest({ model: 'claude-opus-4-1' }));
    expect(upstream.hits[0]?.body.model).toBe('local-model');
    expect(proxy.exchanges()[0]?.kind).toBe('model');
  });
});

describe('count_tokens', () => {
  const body = { model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'x'.repeat(400) }] };

  it('forwards to the native endpoint when the dialect has one and it answers', async () => {
    const { proxy, upstream } = await proxyWith();
    const answer = await postJson(`${proxy.url}/v1/messages/count_tokens?beta=true`, body);
    expect(JSON.parse(answer.text)).toEqual({ input_tokens: 1234 });
    expect(upstream.hits[0]).toMatchObject({ path: '/v1/messages/count_tokens', body: { model: 'local-model' } });
    expect(proxy.exchanges()[0]).toMatchObject({
      kind: 'count_tokens',
      route: 'upstream',
      usage: { inputTokens: 1234 },
    });
  });

  it('forwards the request stripped as a turn is (anthropic dialect), no stream or max_tokens', async () => {
    running = await startTestProxyWith(anthropicDialect, (_hit, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"input_tokens":99}');
    });
    const claudeCodeCount = {
      model: 'claude-sonnet-4-5',
      system: [
        { type: 'text', text: 'x-anthropic-billing-header: cc_version=2.1.328.59e; cc_entrypoint=sdk-cli;' },
        { type: 'text', text: 'You are Claude Code.', cache_control: { type: 'ephemeral' } },
      ],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi', cache_control: { type: 'ephemeral' } }] }],
      tools: [{ name: 'Write', input_schema: { type: 'object' }, cache_control: { type: 'ephemeral' } }],
      thinking: { type: 'adaptive' },
      context_management: { edits: [] },
      metadata: { user_id: 'u' },
    };
    const answer = await postJson(`${running.proxy.url}/v1/messages/count_tokens?beta=true`, claudeCodeCount);
    expect(JSON.parse(answer.text)).toEqual({ input_tokens: 99 });
    const sent = running.upstream.hits[0]?.body ?? {};
    // What a turn of this request would carry, minus what only a turn has.
    expect(sent).toMatchObject({
      model: 'local-model',
      system: [{ type: 'text', text: 'You are Claude Code.' }],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
      tools: [{ name: 'Write', input_schema: { type: 'object' } }],
    });
    for (const field of ['stream', 'max_tokens', 'metadata', 'context_management'])
      expect(sent).not.toHaveProperty(field);
    expect(sent.thinking).not.toEqual({ type: 'adaptive' });
    expect(JSON.stringify(sent)).not.toMatch(/cache_control|x-anthropic-billing-header/);
  });

  it.each([
    ['the upstream answers 404', {}, { status: 404, body: { error: 'not found' } }],
    ['the upstream answers nonsense', {}, { status: 200, body: { tokens: 'many' } }],
    ['the dialect has no endpoint', { countTokensPath: null }, { status: 200, body: { input_tokens: 1234 } }],
  ])('estimates locally (chars/4) when %s', async (_label, dialect, countAnswer) => {
    const { proxy } = await proxyWith({}, dialect, countAnswer);
    const answer = await postJson(`${proxy.url}/v1/messages/count_tokens`, body);
    expect(answer.status).toBe(200);
    const tokens = (JSON.parse(answer.text) as { input_tokens: number }).input_tokens;
    expect(tokens).toBeGreaterThanOrEqual(100);
    expect(tokens).toBeLessThan(110);
    expect(proxy.exchanges()[0]).toMatchObject({ kind: 'count_tokens', route: 'local' });
  });

  it('does not wait for an upstream slot', async () => {
    running = await startTestProxy(async (hit, res) => {
      if (hit.path.endsWith('/count_tokens')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"input_tokens":5}');
        return;
      }
      openSse(res); // a turn that never ends holds the only slot
    });
    const { proxy } = running;
    const controller = new AbortController();
    const stuck = fetch(`${proxy.url}/v1/messages`, {
      method: 'POST',
      body: JSON.stringify(messagesRequest()),
      signal: controller.signal,
    }).catch(() => null);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const answer = await postJson(`${proxy.url}/v1/messages/count_tokens`, body);
    expect(JSON.parse(answer.text)).toEqual({ input_tokens: 5 });
    controller.abort();
    await stuck;
  });
});

describe('other routes', () => {
  it('serves /health and /v1/models with the configured models', async () => {
    const { proxy, upstream } = await proxyWith({ housekeeping: { kind: 'upstream_model', model: 'tiny-model' } });
    const health = await fetch(`${proxy.url}/health`);
    expect(await health.json()).toEqual({ status: 'ok', upstream: upstream.url, dialect: 'anthropic' });
    const models = (await (await fetch(`${proxy.url}/s/x/v1/models`)).json()) as { data: Array<{ id: string }> };
    expect(models.data.map((m) => m.id)).toEqual(['local-model', 'tiny-model']);
    expect(proxy.exchanges().map((r) => [r.kind, r.sessionId])).toEqual([
      ['health', 'default'],
      ['models', 'x'],
    ]);
  });

  it.each([
    ['GET', '/v1/other', 404, 'not_found_error'],
    ['POST', '/api/hello', 404, 'not_found_error'],
    ['GET', '/v1/messages', 405, 'invalid_request_error'],
  ])('answers %s %s with %i in the Anthropic error shape', async (method, path, status, type) => {
    const { proxy } = await proxyWith();
    const response = await fetch(`${proxy.url}${path}`, { method });
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ type: 'error', error: { type, message: expect.any(String) } });
  });

  it('rejects a body that is not JSON with 400 invalid_request_error', async () => {
    const { proxy } = await proxyWith();
    const response = await fetch(`${proxy.url}/v1/messages`, { method: 'POST', body: '{"model": ' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error', message: expect.stringMatching(/not valid JSON/) },
    });
  });
});
