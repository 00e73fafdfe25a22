import { describe, expect, it } from 'vitest';
import type { MessagesRequest } from '../../core/messages.ts';
import type { DialectSettings } from '../types.ts';
import { type OllamaChatRequest, ollamaToUpstream } from './to-upstream.ts';

const settings: DialectSettings = {
  numCtx: 32768,
  think: false,
  maxTokensCap: null,
  modelOverride: null,
  stripFields: [],
};

function build(request: Partial<MessagesRequest>, overrides: Partial<DialectSettings> = {}) {
  const result = ollamaToUpstream(
    { model: 'qwen3:8b', max_tokens: 1024, messages: [], ...request },
    { ...settings, ...overrides },
  );
  return { body: JSON.parse(result.call.body) as OllamaChatRequest, call: result.call, rewrites: result.rewrites };
}

describe('ollamaToUpstream', () => {
  it('posts a streamed /api/chat request with think off, the context window set and truncation off', () => {
    const { call, body } = build({ messages: [{ role: 'user', content: 'hi' }], temperature: 0 });
    expect(call.path).toBe('/api/chat');
    expect(call.headers).toEqual({ 'content-type': 'application/json' });
    expect(body).toEqual({
      model: 'qwen3:8b',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      think: false,
      // An oversize prompt gets Ollama's 400 instead of silently losing its first messages.
      truncate: false,
      options: { num_ctx: 32768, num_predict: 1024, temperature: 0 },
    });
  });

  it.each([
    ['think on', { think: true }, (b: OllamaChatRequest) => b.think, true],
    ['num_ctx', { numCtx: 8192 }, (b: OllamaChatRequest) => b.options.num_ctx, 8192],
    ['max_tokens capped', { maxTokensCap: 512 }, (b: OllamaChatRequest) => b.options.num_predict, 512],
    ['max_tokens below the cap', { maxTokensCap: 4096 }, (b: OllamaChatRequest) => b.options.num_predict, 1024],
    ['model override', { modelOverride: 'gemma4:26b' }, (b: OllamaChatRequest) => b.model, 'gemma4:26b'],
  ] as const)('applies the %s setting', (_name, overrides, pick, expected) => {
    expect(pick(build({ messages: [{ role: 'user', content: 'x' }] }, overrides).body)).toBe(expected);
  });

  it('sends sampling options and stop sequences', () => {
    const { body } = build({
      messages: [{ role: 'user', content: 'x' }],
      top_p: 0.9,
      top_k: 20,
      stop_sequences: ['\n\nUser:'],
    });
    expect(body.options).toEqual({ num_ctx: 32768, num_predict: 1024, top_p: 0.9, top_k: 20, stop: ['\n\nUser:'] });
  });

  it('puts the system prompt first and keeps system messages inside messages in place', () => {
    const { body } = build({
      system: [
        { type: 'text', text: 'You are an agent.' },
        { type: 'text', text: 'Be brief.' },
      ],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'task' }] },
        { role: 'system', content: [{ type: 'text', text: '# Environment' }] },
      ],
    });
    expect(body.messages).toEqual([
      { role: 'system', content: 'You are an agent.\n\nBe brief.' },
      { role: 'user', content: 'task' },
      { role: 'system', content: '# Environment' },
    ]);
  });

  it('round-trips a tool call: arguments as an object, the result as a named tool message', () => {
    const { body } = build({
      tools: [
        {
          name: 'Write',
          description: 'Write a file',
          input_schema: { type: 'object', properties: { file_path: { type: 'string' } } },
        },
      ],
      messages: [
        { role: 'user', content: 'write it' },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'plan' },
            { type: 'text', text: 'Writing.' },
            { type: 'tool_use', id: 'toolu_1', name: 'Write', input: { file_path: '/a.py', content: 'x' } },
            { type: 'tool_use', id: 'toolu_2', name: 'Bash', input: { command: 'ls' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_1', content: 'File created' },
            { type: 'tool_result', tool_use_id: 'toolu_2', content: [{ type: 'text', text: 'a.py' }], is_error: false },
            { type: 'text', text: 'now test it' },
          ],
        },
      ],
    });
    expect(body.tools).toEqual([
      {
        type: 'function',
        function: {
          name: 'Write',
          description: 'Write a file',
          parameters: { type: 'object', properties: { file_path: { type: 'string' } } },
        },
      },
    ]);
    expect(body.messages).toEqual([
      { role: 'user', content: 'write it' },
      {
        role: 'assistant',
        content: 'Writing.',
        thinking: 'plan',
        tool_calls: [
          { function: { name: 'Write', arguments: { file_path: '/a.py', content: 'x' } } },
          { function: { name: 'Bash', arguments: { command: 'ls' } } },
        ],
      },
      { role: 'tool', content: 'File created', tool_name: 'Write' },
      { role: 'tool', content: 'a.py', tool_name: 'Bash' },
      { role: 'user', content: 'now test it' },
    ]);
  });

  it('drops images and says so in a rewrite note', () => {
    const { body, rewrites } = build({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'base64', data: 'AAAA' } },
            { type: 'text', text: 'what is this' },
          ],
        },
      ],
    });
    expect(body.messages).toEqual([{ role: 'user', content: 'what is this' }]);
    expect(rewrites).toEqual([
      {
        kind: 'strip_field',
        before: { where: 'messages[0].content[0]', type: 'image' },
        after: null,
        reason: expect.any(String),
      },
    ]);
  });

  it('does not forward Anthropic-only fields', () => {
    const { body } = build({
      messages: [{ role: 'user', content: 'x' }],
      thinking: { type: 'adaptive' },
      metadata: { user_id: 'u' },
    });
    expect(Object.keys(body).sort()).toEqual(['messages', 'model', 'options', 'stream', 'think', 'truncate']);
  });
});
