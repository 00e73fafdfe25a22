import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimServer } from '../server.ts';
import { startSimServer } from '../server.ts';
import { lruPrompt } from '../test-kit/conversations.ts';
import { parseSse, postJson } from '../test-kit/read-wire.ts';

let sim: SimServer;
beforeAll(async () => {
  sim = await startSimServer({ timeScale: 0 });
});
afterAll(async () => {
  await sim.close();
});

const writeTool = {
  name: 'Write',
  description: 'Write a file',
  input_schema: {
    type: 'object',
    properties: { file_path: { type: 'string' }, content: { type: 'string' } },
    required: ['file_path', 'content'],
  },
};

async function stream(
  body: Record<string, unknown>,
): Promise<Array<{ event: string | null; data: Record<string, unknown> }>> {
  const response = await postJson(`${sim.url}/v1/messages?beta=true`, { max_tokens: 32000, stream: true, ...body });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  return parseSse(await response.text()).map((f) => ({
    event: f.event,
    data: JSON.parse(f.data) as Record<string, unknown>,
  }));
}

function deltas(frames: Array<{ data: Record<string, unknown> }>, type: string): string[] {
  return frames
    .filter((f) => f.data.type === 'content_block_delta')
    .map((f) => f.data.delta as Record<string, string>)
    .filter((d) => d.type === type)
    .map((d) => d.text ?? d.thinking ?? d.partial_json ?? '');
}

describe('Anthropic Messages dialect', () => {
  it('streams text as message_start, one block of one-token deltas, message_delta and message_stop', async () => {
    const frames = await stream({ model: 'sim-correct', messages: [{ role: 'user', content: lruPrompt }] });
    for (const f of frames) expect(f.event).toBe(f.data.type);
    const types = frames.map((f) => f.data.type);
    const n = types.filter((t) => t === 'content_block_delta').length;
    expect(types).toEqual([
      'message_start',
      'content_block_start',
      ...Array<string>(n).fill('content_block_delta'),
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(frames[1]?.data).toEqual({
      type: 'content_block_start',
      index: 0,
      content_block: { type: 'text', text: '' },
    });
    const text = deltas(frames, 'text_delta');
    for (const piece of text) expect(piece.length).toBeLessThanOrEqual(4);
    expect(text.join('')).toMatch(/```python\n[\s\S]*class LRUCache[\s\S]*```\n[\s\S]*```python\n[\s\S]*def test_/);
    const start = frames[0]?.data.message as Record<string, unknown>;
    expect(start).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'sim-correct',
      content: [],
      stop_reason: null,
    });
    expect((start.usage as Record<string, number>).input_tokens).toBe(Math.ceil(lruPrompt.length / 4));
    expect(frames.at(-2)?.data).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { output_tokens: n },
    });
  });

  it('truncates at max_tokens and says so', async () => {
    const frames = await stream({
      model: 'sim-correct',
      max_tokens: 7,
      messages: [{ role: 'user', content: lruPrompt }],
    });
    expect(deltas(frames, 'text_delta')).toHaveLength(7);
    expect(frames.at(-2)?.data).toMatchObject({ delta: { stop_reason: 'max_tokens' }, usage: { output_tokens: 7 } });
  });

  it.each([
    ['adaptive', { type: 'adaptive' }],
    ['enabled', { type: 'enabled', budget_tokens: 2048 }],
  ])('with thinking %s, the thinking persona sends only a thinking block', async (_name, thinking) => {
    const frames = await stream({ model: 'sim-thinking', thinking, messages: [{ role: 'user', content: lruPrompt }] });
    expect(frames[1]?.data).toEqual({
      type: 'content_block_start',
      index: 0,
      content_block: { type: 'thinking', thinking: '' },
    });
    expect(deltas(frames, 'thinking_delta').join('').length).toBeGreaterThan(200);
    expect(deltas(frames, 'text_delta')).toEqual([]);
    expect(frames.filter((f) => f.data.type === 'content_block_start')).toHaveLength(1);
  });

  it('with thinking disabled, the thinking persona answers with code', async () => {
    const frames = await stream({
      model: 'sim-thinking',
      thinking: { type: 'disabled' },
      messages: [{ role: 'user', content: lruPrompt }],
    });
    expect(deltas(frames, 'thinking_delta')).toEqual([]);
    expect(deltas(frames, 'text_delta').join('')).toContain('class LRUCache');
  });

  it('streams a tool call as a tool_use block whose input arrives in several input_json_delta fragments', async () => {
    const frames = await stream({
      model: 'sim-correct',
      tools: [writeTool],
      messages: [
        { role: 'user', content: [{ type: 'text', text: lruPrompt }] },
        { role: 'system', content: '# Environment\n - Primary working directory: /tmp/ws-anthropic\n' },
      ],
    });
    const starts = frames.filter((f) => f.data.type === 'content_block_start').map((f) => f.data);
    expect(starts.map((s) => (s.content_block as Record<string, unknown>).type)).toEqual(['text', 'tool_use']);
    const toolStart = starts[1] as { index: number; content_block: Record<string, unknown> };
    expect(toolStart.index).toBe(1);
    expect(toolStart.content_block).toMatchObject({ type: 'tool_use', name: 'Write', input: {} });
    expect(toolStart.content_block.id).toMatch(/^toolu_/);
    const fragments = deltas(frames, 'input_json_delta');
    expect(fragments.length).toBeGreaterThan(10);
    const input = JSON.parse(fragments.join('')) as Record<string, string>;
    expect(input.file_path).toBe('/tmp/ws-anthropic/lru_cache.py');
    expect(input.content).toContain('class LRUCache');
    expect(frames.at(-2)?.data).toMatchObject({ delta: { stop_reason: 'tool_use' } });
  });

  it('answers stream:false with one message object', async () => {
    const response = await postJson(`${sim.url}/v1/messages`, {
      model: 'sim-correct',
      max_tokens: 9,
      messages: [{ role: 'user', content: lruPrompt }],
    });
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'sim-correct',
      stop_reason: 'max_tokens',
      usage: { output_tokens: 9 },
    });
    expect((body.content as Array<{ type: string; text: string }>)[0]?.text).toHaveLength(36);
  });

  it.each([
    ['an unknown model', { model: 'gpt-nope', max_tokens: 5, messages: [] }, 404, 'not_found_error', /gpt-nope/],
    ['malformed JSON', '{"model": ', 400, 'invalid_request_error', /invalid JSON/],
    ['a missing max_tokens', { model: 'sim-correct', messages: [] }, 400, 'invalid_request_error', /max_tokens/],
  ])('answers %s in the Anthropic error shape', async (_name, body, status, type, message) => {
    const response = await postJson(`${sim.url}/v1/messages`, body);
    expect(response.status).toBe(status);
    const json = (await response.json()) as { type: string; error: { type: string; message: string } };
    expect(json.type).toBe('error');
    expect(json.error.type).toBe(type);
    expect(json.error.message).toMatch(message);
  });

  it('does not serve count_tokens, so clients estimate locally', async () => {
    const response = await postJson(`${sim.url}/v1/messages/count_tokens`, { model: 'sim-correct', messages: [] });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
  });
});
