import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readExchanges } from '../core/exchange-log.ts';
import type { StreamEvent } from '../core/messages.ts';
import { sseFrame } from './sse.ts';
import { delay, openSse, textMessage, toolMessage, writeEvents } from './test-kit/fake-upstream.ts';
import { messagesRequest, parseSseFrames, postJson } from './test-kit/sse-client.ts';
import { startTestProxy, type TestProxy } from './test-kit/test-proxy.ts';

let running: TestProxy | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

const writeSchema = {
  type: 'object',
  properties: { file_path: { type: 'string' }, content: { type: 'string' } },
  required: ['file_path', 'content'],
  additionalProperties: false,
};

async function answering(events: StreamEvent[], options = {}): Promise<TestProxy> {
  running = await startTestProxy((_hit, res) => {
    openSse(res);
    writeEvents(res, events);
    res.end();
  }, options);
  return running;
}

describe('streamed pass-through', () => {
  it('relays every upstream event as an exact event/data frame', async () => {
    const events = textMessage(['Hel', 'lo', ' world']);
    const { proxy } = await answering(events);
    const answer = await postJson(`${proxy.url}/v1/messages?beta=true`, messagesRequest());
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(answer.text).toBe(events.map(sseFrame).join(''));
    expect(parseSseFrames(answer.text).map((frame) => frame.event)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
  });

  it('records the exchange with the assembled response, usage and timings', async () => {
    const { proxy, upstream } = await answering(textMessage(['a', 'b', 'c', 'd'], { outputTokens: 7 }));
    await postJson(`${proxy.url}/v1/messages`, messagesRequest());
    const [record] = proxy.exchanges();
    expect(upstream.hits[0]?.body.model).toBe('local-model');
    expect(record).toMatchObject({
      sessionId: 'default',
      seq: 1,
      kind: 'model',
      route: 'upstream',
      stream: true,
      upstream: { dialect: 'anthropic', model: 'local-model', url: `${upstream.url}/v1/messages` },
      stopReason: 'end_turn',
      usage: { inputTokens: 42, outputTokens: 7 },
      error: null,
      clientAborted: false,
    });
    expect(record?.response?.content).toEqual([{ type: 'text', text: 'abcd' }]);
    expect(record?.timings.deltaCount).toBe(4);
    expect(record?.timings.ttftMs).toEqual(expect.any(Number));
    expect(record?.timings.responseMs).toBeGreaterThanOrEqual(record?.timings.ttftMs ?? Infinity);
  });
});

describe('flushing', () => {
  it('delivers each event while the upstream is still generating, not at the end', async () => {
    const events = textMessage(['first', 'second']);
    running = await startTestProxy(async (_hit, res) => {
      openSse(res);
      writeEvents(res, events.slice(0, 3)); // message_start, block start, first delta
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
    const endedAt = performance.now();
    expect(firstDeltaAt).not.toBeNull();
    expect(endedAt - (firstDeltaAt ?? endedAt)).toBeGreaterThanOrEqual(150);
    expect(text).toBe(events.map(sseFrame).join(''));
  });
});

describe('non-stream clients', () => {
  it('receive one assembled JSON message built from the upstream stream', async () => {
    const events: StreamEvent[] = [
      ...textMessage(['I will ', 'write it.']).slice(0, 5),
      {
        type: 'content_block_start',
        index: 1,
        content_block: { type: 'tool_use', id: 'toolu_9', name: 'Write', input: {} },
      },
      {
        type: 'content_block_delta',
        index: 1,
        delta: { type: 'input_json_delta', partial_json: '{"file_path":"a.py",' },
      },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '"content":"x"}' } },
      { type: 'content_block_stop', index: 1 },
      { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 12 } },
      { type: 'message_stop' },
    ];
    const { proxy, upstream } = await answering(events);
    const answer = await postJson(`${proxy.url}/v1/messages`, messagesRequest({ stream: false }));
    expect(upstream.hits[0]?.body.stream).toBe(true);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({
      id: 'msg_up',
      type: 'message',
      role: 'assistant',
      model: 'upstream-model',
      content: [
        { type: 'text', text: 'I will write it.' },
        { type: 'tool_use', id: 'toolu_9', name: 'Write', input: { file_path: 'a.py', content: 'x' } },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: { input_tokens: 42, output_tokens: 12 },
    });
  });
});

describe('tool-call validation', () => {
  it('judges each call against the request tools: valid, unknown, schema violation, unparseable', async () => {
    const { proxy } = await answering(
      toolMessage([
        { name: 'Write', json: ['{"file_path":"a.py",', '"content":"x"}'] },
        { name: 'write_file', json: ['{"path":"a.py"}'] },
        { name: 'Write', json: ['{"filename":"a.py","content":"x"}'] },
        { name: 'Write', json: ['{"file_path":"a.py","content":"x'] },
      ]),
    );
    await postJson(
      `${proxy.url}/v1/messages`,
      messagesRequest({
        tools: [
          { name: 'Write', input_schema: writeSchema },
          { name: 'Bash', input_schema: { type: 'object' } },
        ],
      }),
    );
    const calls = proxy.exchanges()[0]?.toolCalls ?? [];
    expect(calls.map((call) => call.validation)).toEqual([
      { kind: 'valid' },
      { kind: 'unknown_tool', offeredTools: ['Write', 'Bash'] },
      {
        kind: 'schema_violation',
        missing: ['file_path'],
        unexpected: ['filename'],
        errors: expect.arrayContaining([expect.stringMatching(/file_path/)]),
      },
      { kind: 'unparseable', error: expect.any(String), rawJson: '{"file_path":"a.py","content":"x' },
    ]);
    expect(calls.map((call) => [call.name, call.offered])).toEqual([
      ['Write', true],
      ['write_file', false],
      ['Write', true],
      ['Write', true],
    ]);
    expect(calls[0]?.input).toEqual({ file_path: 'a.py', content: 'x' });
    expect(calls[3]?.input).toBe('{"file_path":"a.py","content":"x');
    expect(calls.every((call) => call.rescued === undefined)).toBe(true);
  });

  it('records leaked template tokens and forwards them untouched when rescue is off', async () => {
    const events = textMessage(['print(1)<unus', 'ed24>', '<|im_end|>']);
    const { proxy } = await answering(events);
    const answer = await postJson(`${proxy.url}/v1/messages`, messagesRequest());
    expect(answer.text).toBe(events.map(sseFrame).join(''));
    expect(proxy.exchanges()[0]?.leakedTokens).toEqual(['<unused24>', '<|im_end|>']);
    expect(proxy.exchanges()[0]?.rewrites.filter((r) => r.where === 'response')).toEqual([]);
  });
});

describe('sessions and records', () => {
  it('routes /s/<id> to its session with its own records and sequence numbers', async () => {
    const { proxy } = await answering(textMessage(['ok']));
    const session = proxy.openSession({ id: 'run-7' });
    expect(session.baseUrl).toBe(`${proxy.url}/s/run-7`);
    await postJson(`${session.baseUrl}/v1/messages?beta=true`, messagesRequest());
    await postJson(`${session.baseUrl}/v1/messages?beta=true`, messagesRequest());
    await postJson(`${proxy.url}/v1/messages`, messagesRequest());
    expect(session.exchanges().map((r) => [r.sessionId, r.seq, r.request.path])).toEqual([
      ['run-7', 1, '/s/run-7/v1/messages?beta=true'],
      ['run-7', 2, '/s/run-7/v1/messages?beta=true'],
    ]);
    expect(proxy.exchanges().map((r) => r.sessionId)).toEqual(['run-7', 'run-7', 'default']);
    expect(() => proxy.openSession({ id: 'run-7' })).toThrow(/already in use/);
    expect(() => proxy.openSession({ id: 'bad id/x' })).toThrow(/not usable in a URL/);
  });

  it('appends one redacted JSON line per exchange to the proxy log and the session log', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'proxy-log-'));
    const logFile = join(dir, 'all.jsonl');
    const { proxy } = await answering(textMessage(['ok']), { logFile });
    const session = proxy.openSession({ id: 's1', logFile: join(dir, 'nested', 's1.jsonl') });
    const secretHeaders = {
      'x-api-key': 'sk-secret',
      authorization: 'Bearer sk-secret',
      'x-session-token': 'tok',
      'anthropic-version': '2023-06-01',
    };
    await postJson(
      `${session.baseUrl}/v1/messages`,
      messagesRequest({ metadata: { user_id: 'device-123' } }),
      secretHeaders,
    );
    await postJson(`${proxy.url}/v1/messages`, messagesRequest());
    await proxy.close();
    const all = await readExchanges(logFile);
    const own = await readExchanges(join(dir, 'nested', 's1.jsonl'));
    expect(all.map((r) => r.sessionId)).toEqual(['s1', 'default']);
    expect(own.map((r) => r.id)).toEqual([all[0]?.id]);
    expect(all).toEqual(proxy.exchanges());
    const text = await readFile(logFile, 'utf8');
    expect(text).not.toMatch(/sk-secret|device-123|"tok"|client-secret/);
    expect(all[0]?.request.headers).toMatchObject({
      'x-api-key': '[redacted]',
      authorization: '[redacted]',
      'x-session-token': '[redacted]',
      'anthropic-version': '2023-06-01',
    });
    expect(all[0]?.request.body).toMatchObject({ metadata: { user_id: '[redacted]' } });
    expect(all[0]?.rewrites[0]).toMatchObject({
      kind: 'strip_header',
      where: 'request',
      before: { 'x-api-key': '[redacted]' },
    });
  });
});
