import { afterEach, describe, expect, it } from 'vitest';
import type { MessageParam, StreamEvent } from '../core/messages.ts';
import { estimateInputTokens } from './count-tokens.ts';
import type { LoopStop } from './loop-tracker.ts';
import { delay, openSse, textMessage, toolMessage, writeEvents } from './test-kit/fake-upstream.ts';
import { messagesRequest, parseSseFrames, postJson } from './test-kit/sse-client.ts';
import { startTestProxy, type TestProxy } from './test-kit/test-proxy.ts';

let running: TestProxy | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

const lsCall = toolMessage([{ name: 'Bash', json: ['{"command":', '"ls"}'] }]);

/** The messages of turn `turn` of a conversation that keeps calling Bash ls (results fed back). */
function conversation(task: string, turn: number): MessageParam[] {
  const messages: MessageParam[] = [{ role: 'user', content: task }];
  for (let i = 1; i < turn; i += 1) {
    messages.push({
      role: 'assistant',
      content: [{ type: 'tool_use', id: `toolu_${i}`, name: 'Bash', input: { command: 'ls' } }],
    });
    messages.push({
      role: 'user',
      content: [{ type: 'tool_result', tool_use_id: `toolu_${i}`, content: 'lru_cache.py' }],
    });
  }
  return messages;
}

async function always(events: StreamEvent[], options: Parameters<typeof startTestProxy>[1] = {}): Promise<TestProxy> {
  running = await startTestProxy((_hit, res) => {
    openSse(res);
    writeEvents(res, events);
    res.end();
  }, options);
  return running;
}

describe('loops across turns', () => {
  it('stops a conversation at the 4th identical call, tells the session, and refuses its later requests', async () => {
    const { proxy, upstream } = await always(lsCall);
    const session = proxy.openSession({ id: 'run-1' });
    const stops: LoopStop[] = [];
    session.onLoopStopped((stop) => stops.push(stop));
    for (let turn = 1; turn <= 4; turn += 1) {
      const answer = await postJson(
        `${session.baseUrl}/v1/messages`,
        messagesRequest({ messages: conversation('Fix it', turn) }),
      );
      expect(answer.status).toBe(200);
    }
    const loops = session.exchanges().map((e) => e.loop);
    expect(loops.slice(0, 3).map((loop) => loop?.count ?? 1)).toEqual([1, 2, 3]);
    expect(loops[3]).toEqual({ what: 'call', count: 4, signature: 'Bash {"command":"ls"}', stopped: true });
    expect(stops).toEqual([expect.objectContaining({ exchangeId: 'run-1-4', loop: loops[3] })]);
    expect(session.loopStop()).toEqual(stops[0]);

    const refused = await postJson(
      `${session.baseUrl}/v1/messages`,
      messagesRequest({ messages: conversation('Fix it', 5) }),
    );
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.text)).toEqual({
      type: 'error',
      error: {
        type: 'invalid_request_error',
        message: expect.stringMatching(
          /stopped this conversation: the model repeated the same tool call 4 times in a row/,
        ),
      },
    });
    expect(upstream.hits).toHaveLength(4);
    expect(session.exchanges().at(-1)).toMatchObject({ route: 'local', error: { status: 400 } });

    const other = await postJson(
      `${session.baseUrl}/v1/messages`,
      messagesRequest({ messages: conversation('Other task', 1) }),
    );
    expect(other.status).toBe(200);
  });

  it('answers the same prompt the same way any number of times (retries, or the prompt run again)', async () => {
    const { proxy } = await always(textMessage(['Hello! How can I help you today?']));
    for (let run = 1; run <= 6; run += 1) {
      const answer = await postJson(`${proxy.url}/v1/messages`, messagesRequest());
      expect(answer.status).toBe(200);
    }
    expect(proxy.exchanges().every((e) => e.loop === null)).toBe(true);
  });

  it('marks repeats but never stops with --loop-limit 0', async () => {
    const { proxy } = await always(lsCall, { loopLimit: 0 });
    for (let turn = 1; turn <= 6; turn += 1) {
      const answer = await postJson(
        `${proxy.url}/v1/messages`,
        messagesRequest({ messages: conversation('Fix it', turn) }),
      );
      expect(answer.status).toBe(200);
    }
    expect(proxy.exchanges().at(-1)?.loop).toMatchObject({ count: 6, stopped: false });
  });
});

describe('a degenerate loop inside one stream', () => {
  it('aborts the upstream, ends the message cleanly for the client and stops the conversation', async () => {
    // F33 (real-world-failures.md): a line repeated 251+ times on vLLM.
    const line = 'I need to investigate this. Let me just paste the message.\n';
    running = await startTestProxy(async (_hit, res) => {
      openSse(res);
      writeEvents(res, textMessage(Array.from({ length: 251 }, () => line)).slice(0, 30));
      await delay(5000); // still "generating" when the proxy gives up
      res.end();
    });
    const { proxy, upstream } = running;
    const request = messagesRequest({ messages: conversation('Fix it', 1) });
    const answer = await postJson(`${proxy.url}/v1/messages`, request);
    const frames = parseSseFrames(answer.text);
    expect(frames.slice(-3).map((f) => f.event)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
    // 16 repeats once the first 16 × 24 characters (not watched) are past.
    expect(frames.filter((f) => f.event === 'content_block_delta')).toHaveLength(
      16 + Math.ceil((16 * 24) / line.length),
    );
    const [record] = proxy.exchanges();
    expect(record).toMatchObject({ error: null, loop: { what: 'stream', count: 16, stopped: true } });
    await delay(50);
    expect(upstream.hits[0]?.closedEarly).toBe(true);
    expect((await postJson(`${proxy.url}/v1/messages`, request)).status).toBe(400);
  });
});

describe('context check', () => {
  /** A request whose own estimate is about `tokens` tokens. */
  const sized = (tokens: number) => messagesRequest({ messages: [{ role: 'user', content: 'x'.repeat(tokens * 4) }] });
  const reporting = (inputTokens: number): StreamEvent[] => {
    const [start, ...rest] = textMessage(['Hello! How can I help you today?']);
    if (start?.type !== 'message_start') throw new Error('textMessage starts with message_start');
    return [
      { ...start, message: { ...start.message, usage: { input_tokens: inputTokens, output_tokens: 0 } } },
      ...rest,
    ];
  };

  it('marks an exchange the server cut (Ollama: 2051 of a ~15,750-token prompt at 4096)', async () => {
    const { proxy } = await always(reporting(2051), { contextTokens: 4096 });
    const request = sized(15_750);
    await postJson(`${proxy.url}/v1/messages`, request);
    expect(proxy.exchanges()[0]?.context).toEqual({
      state: 'truncated',
      sentEstimate: estimateInputTokens(request),
      serverInputTokens: 2051,
      contextTokens: 4096,
      basis: 'far_below_sent',
    });
  });

  it("takes a session's own context size over the proxy-wide one (one proxy, several models)", async () => {
    const { proxy } = await always(reporting(4096), { contextTokens: 32_768 });
    const session = proxy.openSession({ id: 'small-model', contextTokens: 4096 });
    await postJson(`${session.baseUrl}/v1/messages`, sized(14_000));
    expect(session.exchanges()[0]?.context).toMatchObject({
      state: 'truncated',
      contextTokens: 4096,
      basis: 'at_context_limit',
    });
  });

  it('lets a 14K prompt whose server count is 20% off pass as fitting', async () => {
    const { proxy } = await always(reporting(11_200));
    await postJson(`${proxy.url}/v1/messages`, sized(14_000));
    expect(proxy.exchanges()[0]?.context).toMatchObject({
      state: 'fits',
      serverInputTokens: 11_200,
      contextTokens: null,
    });
  });
});
