/**
 * The real-failure and server personas on the wire, in each of the three dialects: what a client
 * (the harness proxy) actually receives from each of them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimServer } from './server.ts';
import { startSimServer } from './server.ts';
import type { PastCall } from './test-kit/conversations.ts';
import { lruPrompt } from './test-kit/conversations.ts';
import type { WireRequest } from './test-kit/dialect-wire.ts';
import { dialects, wireExchange } from './test-kit/dialect-wire.ts';
import type { SimDialect } from './types.ts';

let sim: SimServer;
beforeAll(async () => {
  sim = await startSimServer({ timeScale: 0 });
});
afterAll(async () => {
  await sim.close();
});

const ask = (dialect: SimDialect, model: string, more: Partial<WireRequest> = {}) =>
  wireExchange(sim.url, dialect, { model, prompt: lruPrompt, cwd: '/ws', maxTokens: 4000, ...more });

const endOfTurn: Record<SimDialect, string> = { ollama: 'stop', anthropic: 'end_turn', openai: 'stop' };
const cutOff: Record<SimDialect, string> = { ollama: 'length', anthropic: 'max_tokens', openai: 'length' };

describe.each(dialects)('%s dialect', (dialect) => {
  it.each([
    [
      'sim-qwen-xml',
      '<tool_call>\n<function=Write>\n<parameter=file_path>\n/ws/lru_cache.py\n</parameter>\n<parameter=content>\n',
    ],
    ['sim-hermes', '<tool_call>\n{"name": "Write", "arguments": {"file_path": "/ws/lru_cache.py", "content": '],
  ])('%s sends its call as plain text and ends the turn, with no structured call', async (model, opening) => {
    const reply = await ask(dialect, model);
    expect(reply).toMatchObject({ status: 200, calls: [], stop: endOfTurn[dialect], finished: true, thinking: '' });
    expect(reply.text.startsWith("I'll put the implementation in `lru_cache.py`.\n\n")).toBe(true);
    expect(reply.text).toContain(opening);
    expect(reply.text.endsWith('</tool_call>')).toBe(true);
  });

  it('sim-unclosed-think sends only reasoning, holding the call, and no text', async () => {
    const reply = await ask(dialect, 'sim-unclosed-think');
    expect(reply).toMatchObject({ status: 200, text: '', calls: [], stop: endOfTurn[dialect], finished: true });
    expect(reply.thinking).toContain('<tool_call>\n<function=Write>\n<parameter=file_path>\n/ws/lru_cache.py\n');
    expect(reply.thinking).not.toContain('</think>');
  });

  it('sim-empty-reply ends its first turn with nothing: no text, no call, zero output tokens', async () => {
    const reply = await ask(dialect, 'sim-empty-reply');
    expect(reply).toMatchObject({
      status: 200,
      text: '',
      thinking: '',
      calls: [],
      stop: endOfTurn[dialect],
      finished: true,
    });
    expect(reply.outputTokens).toBe(0);
  });

  it('sim-loop repeats the identical Read after any number of them', async () => {
    const write: PastCall = {
      name: 'Write',
      input: { file_path: '/ws/lru_cache.py', content: 'x' },
      result: 'File created',
    };
    const read: PastCall = { name: 'Read', input: { file_path: '/ws/lru_cache.py' }, result: '1\tclass LRUCache:' };
    for (const reads of [1, 5]) {
      const reply = await ask(dialect, 'sim-loop', { history: [write, ...Array<PastCall>(reads).fill(read)] });
      expect(reply.calls.map((c) => [c.name, JSON.parse(c.arguments)])).toEqual([
        ['Read', { file_path: '/ws/lru_cache.py' }],
      ]);
    }
  });

  it('sim-string-numbers sends the fix with "replace_all": "False" as a string', async () => {
    const history: PastCall[] = [
      { name: 'Write', input: { file_path: '/ws/lru_cache.py', content: 'x' }, result: 'File created' },
      { name: 'Write', input: { file_path: '/ws/test_lru_cache.py', content: 'x' }, result: 'File created' },
      {
        name: 'Bash',
        input: { command: 'python3 -m pytest -q' },
        result: 'Exit code 1\n1 failed, 4 passed',
        isError: true,
      },
      { name: 'Read', input: { file_path: '/ws/lru_cache.py' }, result: '1\t"""' },
    ];
    const [call] = (await ask(dialect, 'sim-string-numbers', { history })).calls;
    expect(call?.name).toBe('Edit');
    expect(JSON.parse(call?.arguments ?? '{}')).toMatchObject({ replace_all: 'False' });
  });

  it('sim-truncated-call stops at the output limit inside its Write, which only streaming dialects show', async () => {
    const reply = await ask(dialect, 'sim-truncated-call', { maxTokens: 3000 });
    expect(reply).toMatchObject({ status: 200, stop: cutOff[dialect], outputTokens: 3000, finished: true });
    if (dialect === 'ollama') expect(reply.calls).toEqual([]);
    else {
      expect(reply.calls.map((c) => c.name)).toEqual(['Write']);
      expect(() => JSON.parse(reply.calls[0]?.arguments ?? '')).toThrow();
      expect(reply.calls[0]?.arguments.startsWith('{"file_path":"/ws/lru_cache.py","content":')).toBe(true);
    }
  });

  it('sim-double-encoded sends its arguments as a JSON string, except to Ollama, which decodes them', async () => {
    const [call] = (await ask(dialect, 'sim-double-encoded')).calls;
    const decoded = JSON.parse(call?.arguments ?? '') as unknown;
    const expected = { command: 'touch lru_cache.py test_lru_cache.py', description: 'Create the files' };
    if (dialect === 'ollama') expect(decoded).toEqual(expected);
    else {
      expect(typeof decoded).toBe('string');
      expect(JSON.parse(decoded as string)).toEqual(expected);
    }
  });
});

/** Claude Code's first request is ~12k tokens: a long system prompt, then the task, then its environment. */
const longSystem = 'You are Claude Code. '.repeat(2000);

describe.each(dialects)('sim-ctx-4096 on the %s dialect', (dialect) => {
  it('cuts a long prompt to 4,096 tokens, reports 4,096 input tokens and answers off-task', async () => {
    const extra = dialect === 'ollama' ? { options: { num_ctx: 32768, num_predict: 4000 } } : {};
    const reply = await ask(dialect, 'sim-ctx-4096', { system: longSystem, extra });
    expect(reply).toMatchObject({
      status: 200,
      inputTokens: 4096,
      text: 'Hello! How can I help you today?',
      calls: [],
    });
  });

  it('answers a prompt that fits normally', async () => {
    const reply = await ask(dialect, 'sim-ctx-4096');
    expect(reply.calls.map((c) => c.name)).toEqual(['Write']);
    expect(reply.inputTokens).toBeLessThan(4096);
  });
});

describe('sim-ctx-4096 with Ollama truncate false', () => {
  it("answers Ollama's explicit 400 instead of cutting", async () => {
    const reply = await ask('ollama', 'sim-ctx-4096', { system: longSystem, extra: { truncate: false } });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.raw)).toEqual({ error: 'the input length exceeds the context length' });
  });

  it('leaves other personas alone unless num_ctx is too small for them too', async () => {
    const fits = await ask('ollama', 'sim-correct', { system: longSystem, extra: { truncate: false } });
    expect(fits.status).toBe(200);
    const small = await ask('ollama', 'sim-correct', {
      system: longSystem,
      extra: { truncate: false, options: { num_ctx: 2048 } },
    });
    expect(small.status).toBe(400);
  });
});

describe('sim-ctx-4096 on an Ollama older than the truncate field', () => {
  let old: SimServer;
  beforeAll(async () => {
    old = await startSimServer({ timeScale: 0, ignoresTruncate: true });
  });
  afterAll(async () => {
    await old.close();
  });

  it('cuts the prompt and answers off-task though the request said truncate false', async () => {
    const request = { model: 'sim-ctx-4096', prompt: lruPrompt, cwd: '/ws', maxTokens: 4000, system: longSystem };
    const reply = await wireExchange(old.url, 'ollama', { ...request, extra: { truncate: false } });
    expect(reply).toMatchObject({ status: 200, inputTokens: 4096, text: 'Hello! How can I help you today?' });
  });
});

describe('sim-vllm-budget (max_model_len 16384)', () => {
  const prompt = (tokens: number) => `${lruPrompt} ${'x'.repeat(tokens * 4)}`;

  it.each([
    ['openai', { error: expect.objectContaining({ type: 'BadRequestError', param: 'input_tokens', code: 400 }) }],
    ['anthropic', { type: 'error', error: expect.objectContaining({ type: 'BadRequestError' }) }],
  ] as const)("refuses a prompt plus max_tokens over the limit with vLLM's 400 on %s", async (dialect, shape) => {
    const reply = await wireExchange(sim.url, dialect, {
      model: 'sim-vllm-budget',
      prompt: prompt(12000),
      maxTokens: 8192,
    });
    expect(reply.status).toBe(400);
    const body = JSON.parse(reply.raw) as Record<string, { message: string }>;
    expect(body).toMatchObject(shape);
    expect(body.error?.message).toBe(
      "This model's maximum context length is 16384 tokens. However, you requested 8192 output tokens and your prompt contains at least 8193 input tokens, for a total of at least 16385 tokens. Please reduce the length of the input prompt or the number of requested output tokens. (parameter=input_tokens, value=8193)",
    );
  });

  it('answers when the output budget leaves room, and never refuses on Ollama’s API', async () => {
    const fits = await wireExchange(sim.url, 'openai', {
      model: 'sim-vllm-budget',
      prompt: prompt(12000),
      maxTokens: 2000,
    });
    expect(fits.status).toBe(200);
    const ollama = await wireExchange(sim.url, 'ollama', {
      model: 'sim-vllm-budget',
      prompt: prompt(12000),
      maxTokens: 8192,
    });
    expect(ollama.status).toBe(200);
  });

  it('says a prompt alone over the limit is too long when no max_tokens was asked', async () => {
    const body = { model: 'sim-vllm-budget', stream: true, messages: [{ role: 'user', content: prompt(17000) }] };
    const response = await fetch(`${sim.url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify(body) });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /^The decoder prompt \(length \d+\) is longer than the maximum model length of 16384\./,
    );
  });
});

describe('servers failing a request', () => {
  const llamaError = { code: 500, message: 'Context size has been exceeded.', type: 'server_error' };
  const ollamaDied =
    'model runner has unexpectedly stopped, this may be due to resource limitations or an internal error, check ollama server logs for details';

  it.each(dialects)(
    "sim-llama-error-event fails after 12 tokens in llama-server's (or Ollama's) way on %s",
    async (dialect) => {
      const reply = await ask(dialect, 'sim-llama-error-event');
      expect(reply).toMatchObject({
        status: 200,
        finished: false,
        stop: null,
        text: "I'll put the implementation in `lru_cache.py`.",
      });
      expect(reply.errors).toEqual([dialect === 'ollama' ? llamaError.message : llamaError]);
      if (dialect === 'anthropic')
        expect(reply.raw.endsWith(`event: error\ndata: ${JSON.stringify(llamaError)}\n\n`)).toBe(true);
      if (dialect === 'openai')
        expect(reply.raw.endsWith(`data: ${JSON.stringify({ error: llamaError })}\n\n`)).toBe(true);
    },
  );

  it('sim-llama-error-legacy sends an error: line, then [DONE], inside a started stream (openai)', async () => {
    const reply = await ask('openai', 'sim-llama-error-legacy');
    expect(reply.status).toBe(200);
    expect(reply.raw).toBe(
      'error: {"code":400,"message":"the request exceeds the available context size, try increasing it","type":"exceed_context_size_error"}\n\ndata: [DONE]\n\n',
    );
  });

  it.each([
    [
      'anthropic',
      {
        error: {
          code: 400,
          message: expect.stringMatching(/available context size/),
          type: 'exceed_context_size_error',
        },
      },
    ],
    ['ollama', { error: 'the request exceeds the available context size, try increasing it' }],
  ] as const)('sim-llama-error-legacy is a plain HTTP 400 on %s, as a first-result error is', async (dialect, body) => {
    const reply = await ask(dialect, 'sim-llama-error-legacy');
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.raw)).toEqual(body);
  });

  it("sim-ollama-v1-cut closes Ollama's Anthropic stream after 12 tokens with no stop of any kind", async () => {
    const reply = await ask('anthropic', 'sim-ollama-v1-cut');
    expect(reply).toMatchObject({ status: 200, finished: false, stop: null, errors: [] });
    expect(reply.raw.endsWith('"delta":{"type":"text_delta","text":"`."}}\n\n')).toBe(true);
  });

  it("sim-ollama-v1-cut ends Ollama's OpenAI stream with one empty chunk, no finish and no [DONE]", async () => {
    const reply = await ask('openai', 'sim-ollama-v1-cut');
    expect(reply).toMatchObject({ status: 200, finished: false, stop: null, errors: [] });
    const last = JSON.parse(reply.raw.trim().split('\n\n').at(-1)?.slice('data: '.length) ?? '{}') as Record<
      string,
      unknown
    >;
    expect(last).toMatchObject({
      model: '',
      system_fingerprint: 'fp_ollama',
      choices: [{ index: 0, delta: { content: '' }, finish_reason: null }],
    });
  });

  it('sim-ollama-v1-cut sends the NDJSON error line on /api/chat', async () => {
    const reply = await ask('ollama', 'sim-ollama-v1-cut');
    expect(reply).toMatchObject({ status: 200, finished: false, errors: [ollamaDied] });
  });
});
