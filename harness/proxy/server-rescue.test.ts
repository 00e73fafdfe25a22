import { afterEach, describe, expect, it } from 'vitest';
import type { StreamEvent } from '../core/messages.ts';
import { sseFrame } from './sse.ts';
import { claudeCodeTools } from './test-kit/claude-code-tools.ts';
import { openSse, textMessage, toolMessage, writeEvents } from './test-kit/fake-upstream.ts';
import { messagesRequest, parseSseFrames, postJson } from './test-kit/sse-client.ts';
import { startTestProxy, type TestProxy } from './test-kit/test-proxy.ts';

let running: TestProxy | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

const tools = claudeCodeTools();

async function answering(events: StreamEvent[], rescue: boolean): Promise<TestProxy> {
  running = await startTestProxy(
    (_hit, res) => {
      openSse(res);
      writeEvents(res, events);
      res.end();
    },
    { rescue },
  );
  return running;
}

describe('rescue in a live stream', () => {
  it('delivers a rewritten tool_use block complete and records the rewrite', async () => {
    const { proxy } = await answering(
      toolMessage([{ name: 'write_file', json: ['{"path": "/w/app', '.py", "conte', 'nt": "print(1)\\n"}'] }]),
      true,
    );
    const answer = await postJson(`${proxy.url}/v1/messages`, messagesRequest({ tools }));
    const frames = parseSseFrames(answer.text);
    expect(frames.map((frame) => frame.event)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(frames[1]?.data).toEqual({
      type: 'content_block_start',
      index: 0,
      content_block: { type: 'tool_use', id: 'toolu_0', name: 'Write', input: {} },
    });
    expect(frames[2]?.data).toEqual({
      type: 'content_block_delta',
      index: 0,
      delta: { type: 'input_json_delta', partial_json: '{"file_path":"/w/app.py","content":"print(1)\\n"}' },
    });

    const record = proxy.exchanges()[0];
    expect(record?.toolCalls).toEqual([
      {
        id: 'toolu_0',
        name: 'write_file',
        input: { path: '/w/app.py', content: 'print(1)\n' },
        offered: false,
        validation: { kind: 'unknown_tool', offeredTools: tools.map((tool) => tool.name) },
        rescued: { name: 'Write', input: { file_path: '/w/app.py', content: 'print(1)\n' } },
      },
    ]);
    expect(
      record?.rewrites
        .filter((r) => r.where === 'response')
        .map(({ kind, before, after }) => ({ kind, before, after })),
    ).toEqual([
      { kind: 'tool_name', before: 'write_file', after: 'Write' },
      { kind: 'param_name', before: 'path', after: 'file_path' },
    ]);
    expect(record?.response?.content).toEqual([
      { type: 'tool_use', id: 'toolu_0', name: 'Write', input: { file_path: '/w/app.py', content: 'print(1)\n' } },
    ]);
  });

  it('is off by default and can be switched on per session', async () => {
    const events = toolMessage([{ name: 'Write', json: ['{"filename": "a.py", "content": "x"}'] }]);
    const { proxy } = await answering(events, false);
    const plain = await postJson(`${proxy.url}/v1/messages`, messagesRequest({ tools }));
    expect(plain.text).toBe(events.map(sseFrame).join(''));
    const session = proxy.openSession({ id: 'rescued', rescue: true });
    const rescued = await postJson(`${session.baseUrl}/v1/messages`, messagesRequest({ tools }));
    expect(parseSseFrames(rescued.text)[2]?.data).toMatchObject({
      delta: { partial_json: '{"file_path":"a.py","content":"x"}' },
    });
  });

  it('strips template tokens from text and records the change', async () => {
    const { proxy } = await answering(textMessage(['All done.<unu', 'sed24>', '<|im_end|>']), true);
    const answer = await postJson(`${proxy.url}/v1/messages`, messagesRequest());
    const text = parseSseFrames(answer.text)
      .filter((frame) => frame.event === 'content_block_delta')
      .map((frame) => (frame.data as { delta: { text: string } }).delta.text)
      .join('');
    expect(text).toBe('All done.');
    const record = proxy.exchanges()[0];
    expect(record?.leakedTokens).toEqual(['<unused24>', '<|im_end|>']);
    expect(record?.rewrites.find((r) => r.kind === 'strip_template_tokens')).toMatchObject({
      before: 'All done.<unused24><|im_end|>',
      after: 'All done.',
    });
  });
});
