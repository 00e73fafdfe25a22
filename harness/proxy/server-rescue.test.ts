import { afterEach, describe, expect, it } from 'vitest';
import type { StreamEvent } from '../core/messages.ts';
import { sseFrame } from './sse.ts';
import { claudeCodeTools } from './test-kit/claude-code-tools.ts';
import { messageEnd, messageStart, openSse, textMessage, toolMessage, writeEvents } from './test-kit/fake-upstream.ts';
import { toolUseBlock } from './test-kit/rescue-frames.ts';
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

const qwenWrite =
  '<tool_call>\n<function=Write>\n<parameter=file_path>\n/w/lru_cache.py\n</parameter>\n' +
  '<parameter=content>\nclass LRUCache:\n    pass\n</parameter>\n</function>\n</tool_call>';
const qwenInput = { file_path: '/w/lru_cache.py', content: 'class LRUCache:\n    pass' };

describe('tool calls written as text, through the proxy', () => {
  it('records them with the rescue off and forwards the stream byte for byte', async () => {
    const events = textMessage(['Writing it.\n', qwenWrite.slice(0, 40), qwenWrite.slice(40)]);
    const { proxy } = await answering(events, false);
    const answer = await postJson(`${proxy.url}/v1/messages`, messagesRequest({ tools }));
    expect(answer.text).toBe(events.map(sseFrame).join(''));
    const record = proxy.exchanges()[0];
    expect(record?.toolCalls).toEqual([
      {
        id: 'text_default-1_0',
        name: 'Write',
        input: qwenInput,
        offered: true,
        validation: { kind: 'valid' },
        text: { format: 'qwen3-coder-xml', verbatim: qwenWrite, in: 'text' },
      },
    ]);
    expect(record?.rewrites.filter((r) => r.where === 'response')).toEqual([]);
  });

  it('sends them as tool_use blocks with the rescue on, and records what Claude Code received', async () => {
    const chunks = qwenWrite.match(/[\s\S]{1,5}/g) ?? [];
    const { proxy } = await answering(textMessage(['Writing it.\n', ...chunks, '<|im_end|>']), true);
    const answer = await postJson(`${proxy.url}/v1/messages`, messagesRequest({ tools }));
    const frames = parseSseFrames(answer.text);
    expect(frames.map((frame) => frame.event)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(frames.slice(2, 8).map((frame) => frame.data)).toEqual([
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Writing it.\n' } },
      { type: 'content_block_stop', index: 0 },
      {
        type: 'content_block_start',
        index: 1,
        content_block: { type: 'tool_use', id: 'text_default-1_0', name: 'Write', input: {} },
      },
      {
        type: 'content_block_delta',
        index: 1,
        delta: { type: 'input_json_delta', partial_json: JSON.stringify(qwenInput) },
      },
      { type: 'content_block_stop', index: 1 },
      {
        type: 'message_delta',
        delta: { stop_reason: 'tool_use', stop_sequence: null },
        usage: { output_tokens: chunks.length + 2 },
      },
    ]);
    const record = proxy.exchanges()[0];
    expect(record?.toolCalls[0]).toMatchObject({
      id: 'text_default-1_0',
      rescued: { name: 'Write', input: qwenInput },
    });
    expect(record?.rewrites.filter((r) => r.where === 'response').map((r) => r.kind)).toEqual([
      'text_tool_call',
      'strip_template_tokens',
    ]);
    expect(record?.leakedTokens).toEqual(['<|im_end|>']);
    expect(record?.stopReason).toBe('end_turn');
    expect(record?.response?.stop_reason).toBe('tool_use');
  });

  it('answers a non-streaming client with the tool_use block too', async () => {
    const { proxy } = await answering(textMessage([qwenWrite]), true);
    const answer = await postJson(`${proxy.url}/v1/messages`, messagesRequest({ tools, stream: false }));
    expect(JSON.parse(answer.text)).toMatchObject({
      content: [{ type: 'tool_use', id: 'text_default-1_0', name: 'Write', input: qwenInput }],
      stop_reason: 'tool_use',
    });
  });
});

describe('a tool call cut by the output limit', () => {
  const cut = [
    messageStart('upstream-model'),
    { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
    { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Writing it.' } },
    { type: 'content_block_stop', index: 0 },
    ...toolUseBlock(1, 'toolu_cut', 'Write', ['{"file_path": "/w/a.py", "content": "def f(']),
    ...messageEnd('max_tokens', 20),
  ] satisfies StreamEvent[];

  it.each([false, true])('is never forwarded (rescue %s): the text and max_tokens are', async (rescue) => {
    const { proxy } = await answering(cut, rescue);
    const answer = await postJson(`${proxy.url}/v1/messages`, messagesRequest({ tools }));
    const frames = parseSseFrames(answer.text);
    expect(frames.map((frame) => frame.data)).toEqual([...cut.slice(0, 4), ...cut.slice(7)]);
    const record = proxy.exchanges()[0];
    expect(record?.toolCalls).toMatchObject([
      {
        id: 'toolu_cut',
        validation: { kind: 'truncated', rawJson: '{"file_path": "/w/a.py", "content": "def f(' },
      },
    ]);
    expect(record?.rewrites.filter((r) => r.where === 'response').map((r) => r.kind)).toEqual(['truncated_tool_call']);
    expect(record?.response?.content).toEqual([{ type: 'text', text: 'Writing it.' }]);
  });
});
