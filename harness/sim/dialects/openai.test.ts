import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimServer } from '../server.ts';
import { startSimServer } from '../server.ts';
import { lruPrompt } from '../test-kit/conversations.ts';
import { postJson, sseData } from '../test-kit/read-wire.ts';

let sim: SimServer;
beforeAll(async () => {
  sim = await startSimServer({ timeScale: 0 });
});
afterAll(async () => {
  await sim.close();
});

type Chunk = {
  object: string;
  choices: Array<{ index: number; delta: Record<string, unknown>; finish_reason: string | null }>;
  timings?: Record<string, number>;
  usage?: Record<string, number>;
};

async function stream(body: Record<string, unknown>): Promise<{ chunks: Chunk[]; done: boolean }> {
  const response = await postJson(`${sim.url}/v1/chat/completions`, { stream: true, ...body });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const data = sseData(await response.text());
  expect(data.at(-1)).toBe('[DONE]');
  return { chunks: data.slice(0, -1) as Chunk[], done: true };
}

const user = [{ role: 'user', content: lruPrompt }];

function joined(chunks: Chunk[], field: 'content' | 'reasoning_content'): string {
  return chunks.map((c) => (c.choices[0]?.delta[field] as string | undefined) ?? '').join('');
}

describe('OpenAI chat completions dialect', () => {
  it('streams one content token per chunk, then finish_reason with llama-server timings, then [DONE]', async () => {
    const { chunks } = await stream({ model: 'sim-correct', messages: user });
    const tokens = chunks.slice(0, -1);
    expect(tokens[0]?.choices[0]?.delta.role).toBe('assistant');
    for (const c of tokens) {
      expect(c.object).toBe('chat.completion.chunk');
      expect(c.choices[0]?.finish_reason).toBeNull();
      expect((c.choices[0]!.delta.content as string).length).toBeLessThanOrEqual(4);
    }
    expect(joined(tokens, 'content')).toContain('class LRUCache');
    const last = chunks.at(-1) as Chunk;
    expect(last.choices[0]).toMatchObject({ delta: {}, finish_reason: 'stop' });
    expect(last.timings).toMatchObject({
      predicted_n: tokens.length,
      prompt_n: Math.ceil(lruPrompt.length / 4),
      prompt_ms: 300,
    });
    expect(last.timings?.predicted_ms).toBeCloseTo((tokens.length * 1000) / 150, 6);
    expect(chunks.some((c) => c.usage !== undefined)).toBe(false);
  });

  it('sends a usage chunk with empty choices when stream_options.include_usage is set', async () => {
    const { chunks } = await stream({
      model: 'sim-correct',
      max_tokens: 5,
      stream_options: { include_usage: true },
      messages: user,
    });
    expect(chunks).toHaveLength(5 + 2);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('length');
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { completion_tokens: 5, prompt_tokens: Math.ceil(lruPrompt.length / 4) },
    });
  });

  it.each([
    ['by default', {}, true],
    // Ollama's OpenAI layer ignores chat_template_kwargs (llama-server and vLLM honour it: thinking-switch.test.ts).
    [
      'even with chat_template_kwargs.enable_thinking false',
      { chat_template_kwargs: { enable_thinking: false } },
      true,
    ],
    ['unless reasoning_effort is none', { reasoning_effort: 'none' }, false],
  ])('thinks %s', async (_name, extra, thinks) => {
    const { chunks } = await stream({ model: 'sim-thinking', messages: user, ...extra });
    if (thinks) {
      expect(joined(chunks, 'reasoning_content').length).toBeGreaterThan(200);
      expect(joined(chunks, 'content')).toBe('');
    } else {
      expect(joined(chunks, 'reasoning_content')).toBe('');
      expect(joined(chunks, 'content')).toContain('class LRUCache');
    }
  });

  it('streams a tool call: id, type and name with the first fragment, the argument JSON split over later chunks', async () => {
    const { chunks } = await stream({
      model: 'sim-correct',
      tools: [
        { type: 'function', function: { name: 'Write', description: 'Write a file', parameters: { type: 'object' } } },
      ],
      messages: [{ role: 'system', content: 'Primary working directory: /tmp/ws-openai' }, ...user],
    });
    const calls = chunks.flatMap(
      (c) => (c.choices[0]?.delta.tool_calls as Array<Record<string, unknown>> | undefined) ?? [],
    );
    expect(calls.length).toBeGreaterThan(10);
    expect(calls[0]).toMatchObject({ index: 0, type: 'function', function: { name: 'Write' } });
    expect(calls[0]?.id).toMatch(/^call_/);
    for (const later of calls.slice(1)) expect(Object.keys(later).sort()).toEqual(['function', 'index']);
    const args = JSON.parse(calls.map((c) => (c.function as { arguments: string }).arguments).join('')) as Record<
      string,
      string
    >;
    expect(args.file_path).toBe('/tmp/ws-openai/lru_cache.py');
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('reads tool results from role:"tool" messages and carries on', async () => {
    const { chunks } = await stream({
      model: 'sim-correct',
      tools: [{ type: 'function', function: { name: 'Write', parameters: {} } }],
      messages: [
        { role: 'system', content: 'Primary working directory: /w' },
        ...user,
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'c1',
              type: 'function',
              function: { name: 'Write', arguments: '{"file_path":"/w/lru_cache.py","content":"x"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'c1', content: 'File created successfully at: /w/lru_cache.py' },
      ],
    });
    const calls = chunks.flatMap(
      (c) => (c.choices[0]?.delta.tool_calls as Array<Record<string, unknown>> | undefined) ?? [],
    );
    const args = JSON.parse(calls.map((c) => (c.function as { arguments: string }).arguments).join('')) as Record<
      string,
      string
    >;
    expect(args.file_path).toBe('/w/test_lru_cache.py');
  });

  it('answers stream:false with one chat.completion carrying usage and timings', async () => {
    const response = await postJson(`${sim.url}/v1/chat/completions`, {
      model: 'sim-correct',
      max_tokens: 3,
      messages: user,
    });
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      object: 'chat.completion',
      choices: [{ index: 0, message: { role: 'assistant' }, finish_reason: 'length' }],
      usage: { completion_tokens: 3 },
      timings: { predicted_n: 3 },
    });
  });

  it('lists the personas at /v1/models', async () => {
    const body = (await (await fetch(`${sim.url}/v1/models`)).json()) as { data: Array<{ id: string }> };
    expect(body.data.map((m) => m.id)).toContain('sim-timed');
  });

  it.each([
    ['an unknown model', { model: 'nope', messages: user }, 404, 'model_not_found'],
    ['malformed JSON', '{not json', 400, 'invalid_request_error'],
    ['missing messages', { model: 'sim-correct' }, 400, 'invalid_request_error'],
  ])('answers %s in the OpenAI error shape', async (_name, body, status, code) => {
    const response = await postJson(`${sim.url}/v1/chat/completions`, body);
    expect(response.status).toBe(status);
    const json = (await response.json()) as { error: { message: string; type: string; code: string } };
    expect(json.error.code).toBe(code);
    expect(typeof json.error.message).toBe('string');
    expect(typeof json.error.type).toBe('string');
  });
});
