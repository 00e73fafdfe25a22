import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimServer } from '../server.ts';
import { startSimServer } from '../server.ts';
import { lruPrompt } from '../test-kit/conversations.ts';
import { parseNdjson, postJson } from '../test-kit/read-wire.ts';

let sim: SimServer;
beforeAll(async () => {
  sim = await startSimServer({ timeScale: 0 });
});
afterAll(async () => {
  await sim.close();
});

const user = [{ role: 'user', content: lruPrompt }];
const tools = [
  { type: 'function', function: { name: 'Write', description: 'Write a file', parameters: { type: 'object' } } },
];

type Line = Record<string, unknown> & {
  message: { role: string; content: string; thinking?: string; tool_calls?: unknown[] };
  done: boolean;
};

async function chat(body: Record<string, unknown>): Promise<Line[]> {
  const response = await postJson(`${sim.url}/api/chat`, body);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/x-ndjson');
  return parseNdjson(await response.text()) as Line[];
}

describe('Ollama native dialect', () => {
  it('streams NDJSON, one token per line, then a done line with durations in nanoseconds', async () => {
    const lines = await chat({ model: 'sim-correct', messages: user, think: false, options: { num_ctx: 32768 } });
    const tokens = lines.slice(0, -1);
    for (const line of tokens) {
      expect(line).toMatchObject({ model: 'sim-correct', done: false, message: { role: 'assistant' } });
      expect(typeof line.created_at).toBe('string');
      expect(line.message.content.length).toBeLessThanOrEqual(4);
    }
    expect(tokens.map((l) => l.message.content).join('')).toContain('class LRUCache');
    const done = lines.at(-1) as Line;
    const n = tokens.length;
    expect(done).toMatchObject({
      done: true,
      done_reason: 'stop',
      message: { role: 'assistant', content: '' },
      load_duration: 0,
      prompt_eval_count: Math.ceil(lruPrompt.length / 4),
      prompt_eval_duration: 300e6,
      eval_count: n,
    });
    expect(done.eval_duration).toBe(Math.round(((n * 1000) / 150) * 1e6));
    expect(done.total_duration).toBe(Math.round((300 + (n * 1000) / 150) * 1e6));
  });

  it('stops at num_predict with done_reason length', async () => {
    const lines = await chat({ model: 'sim-correct', messages: user, options: { num_predict: 5 } });
    expect(lines).toHaveLength(6);
    expect(lines.at(-1)).toMatchObject({ done: true, done_reason: 'length', eval_count: 5 });
  });

  it.each([
    ['think absent', {}, true],
    ['think true', { think: true }, true],
    ['think false', { think: false }, false],
  ])('with %s the thinking persona thinks or answers', async (_name, extra, thinks) => {
    const lines = await chat({ model: 'sim-thinking', messages: user, ...extra });
    const thinking = lines.map((l) => l.message.thinking ?? '').join('');
    const content = lines.map((l) => l.message.content).join('');
    if (thinks) {
      expect(thinking.length).toBeGreaterThan(200);
      expect(content).toBe('');
    } else {
      expect(thinking).toBe('');
      expect(content).toContain('class LRUCache');
    }
  });

  it('sends a tool call whole, arguments as an object, after its tokens were generated', async () => {
    const lines = await chat({
      model: 'sim-correct',
      tools,
      messages: [{ role: 'system', content: 'Primary working directory: /tmp/ws-ollama' }, ...user],
    });
    const withCalls = lines.filter((l) => l.message.tool_calls !== undefined);
    expect(withCalls).toHaveLength(1);
    const call = (
      withCalls[0]!.message.tool_calls as Array<{ function: { name: string; arguments: Record<string, string> } }>
    )[0];
    expect(call?.function.name).toBe('Write');
    expect(call?.function.arguments.file_path).toBe('/tmp/ws-ollama/lru_cache.py');
    expect(call?.function.arguments.content).toContain('class LRUCache');
    const done = lines.at(-1) as Line;
    expect(done.done_reason).toBe('stop');
    // The call's argument tokens count although they went out as one line.
    const textTokens = lines.filter((l) => l.message.content !== '').length;
    expect(done.eval_count as number).toBeGreaterThan(textTokens + 100);
  });

  it('never sends a tool call the budget cut short', async () => {
    const lines = await chat({ model: 'sim-correct', tools, messages: user, options: { num_predict: 20 } });
    expect(lines.some((l) => l.message.tool_calls !== undefined)).toBe(false);
    expect(lines.at(-1)).toMatchObject({ done_reason: 'length', eval_count: 20 });
  });

  it('judges role:"tool" results by content, as Ollama carries no error flag', async () => {
    const failed = {
      role: 'tool',
      tool_name: 'write_file',
      content: '<tool_use_error>Error: No such tool available: write_file</tool_use_error>',
    };
    const attempt = {
      role: 'assistant',
      content: '',
      tool_calls: [{ function: { name: 'write_file', arguments: { path: '/w/lru_cache.py', content: 'x' } } }],
    };
    const messages = [
      { role: 'system', content: 'Primary working directory: /w' },
      ...user,
      attempt,
      failed,
      attempt,
      failed,
      attempt,
      failed,
    ];
    const lines = await chat({ model: 'sim-write-file', tools, messages });
    expect(lines.some((l) => l.message.tool_calls !== undefined)).toBe(false);
    expect(lines.map((l) => l.message.content).join('')).toMatch(/write_file tool is not available/);
  });

  it('answers stream:false with one object', async () => {
    const response = await postJson(`${sim.url}/api/chat`, {
      model: 'sim-correct',
      stream: false,
      messages: user,
      options: { num_predict: 4 },
    });
    const body = (await response.json()) as Line;
    expect(body).toMatchObject({ done: true, done_reason: 'length', eval_count: 4 });
    expect(body.message.content).toHaveLength(16);
  });

  it('answers a chat without messages as a model load', async () => {
    const response = await postJson(`${sim.url}/api/chat`, { model: 'sim-correct' });
    expect(await response.json()).toMatchObject({ done: true, done_reason: 'load', message: { content: '' } });
  });

  it('serves version, tags and show like Ollama', async () => {
    const version = (await (await fetch(`${sim.url}/api/version`)).json()) as { version: string };
    expect(version.version).toMatch(/sim/);
    const tags = (await (await fetch(`${sim.url}/api/tags`)).json()) as {
      models: Array<{ name: string; digest: string }>;
    };
    expect(tags.models.map((m) => m.name)).toContain('sim-correct');
    expect(tags.models[0]?.digest).toMatch(/^[0-9a-f]{64}$/);
    const show = (await (await postJson(`${sim.url}/api/show`, { model: 'sim-correct:latest' })).json()) as Record<
      string,
      unknown
    >;
    expect(show.details).toMatchObject({
      family: expect.any(String),
      parameter_size: expect.any(String),
      quantization_level: expect.any(String),
    });
    expect(show.digest).toBe(tags.models.find((m) => m.name === 'sim-correct')?.digest);
  });

  it.each([
    ['/api/chat', { model: 'llama9', messages: user }, 404, "model 'llama9' not found"],
    ['/api/show', { model: 'llama9' }, 404, "model 'llama9' not found"],
    ['/api/chat', '{"model":', 400, /invalid JSON/],
  ])('answers errors on %s as {"error": "..."}', async (path, body, status, message) => {
    const response = await postJson(`${sim.url}${path}`, body);
    expect(response.status).toBe(status);
    const json = (await response.json()) as { error: string };
    expect(json.error).toMatch(message);
  });
});
