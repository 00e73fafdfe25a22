import { describe, expect, it } from 'vitest';
import type { MessagesRequest } from '../../core/messages.ts';
import type { DialectSettings } from '../types.ts';
import { type OpenAiChatRequest, openAiToUpstream, toolChoice } from './to-upstream.ts';

const settings: DialectSettings = {
  numCtx: 32768,
  think: false,
  maxTokensCap: null,
  modelOverride: null,
  stripFields: [],
};

function build(request: Partial<MessagesRequest>, overrides: Partial<DialectSettings> = {}) {
  const result = openAiToUpstream(
    { model: 'qwen3-8b', max_tokens: 1024, messages: [], ...request },
    { ...settings, ...overrides },
  );
  return { body: JSON.parse(result.call.body) as OpenAiChatRequest, call: result.call, rewrites: result.rewrites };
}

describe('openAiToUpstream', () => {
  it('posts a streamed chat completion asking for usage, with thinking off through the template', () => {
    const { call, body } = build({ system: 'Be brief.', messages: [{ role: 'user', content: 'hi' }], temperature: 0 });
    expect(call.path).toBe('/v1/chat/completions');
    expect(call.headers.authorization).toBe('Bearer local-harness');
    expect(body).toEqual({
      model: 'qwen3-8b',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'hi' },
      ],
      max_tokens: 1024,
      temperature: 0,
      stream: true,
      stream_options: { include_usage: true },
      chat_template_kwargs: { enable_thinking: false },
    });
  });

  it.each([
    [
      'think on turns the template switch on',
      { think: true },
      (b: OpenAiChatRequest) => b.chat_template_kwargs,
      { enable_thinking: true },
    ],
    ['max_tokens capped', { maxTokensCap: 256 }, (b: OpenAiChatRequest) => b.max_tokens, 256],
    ['model override', { modelOverride: 'local-model' }, (b: OpenAiChatRequest) => b.model, 'local-model'],
    [
      'num_ctx is not an OpenAI field',
      { numCtx: 4096 },
      (b: OpenAiChatRequest) => JSON.stringify(b).includes('4096'),
      false,
    ],
  ] as const)('applies settings: %s', (_name, overrides, pick, expected) => {
    expect(pick(build({ messages: [{ role: 'user', content: 'x' }] }, overrides).body)).toEqual(expected);
  });

  it('folds a system message inside messages into the leading system message', () => {
    const { body, rewrites } = build({
      system: [{ type: 'text', text: 'You are an agent.' }],
      messages: [
        { role: 'user', content: 'task' },
        { role: 'system', content: [{ type: 'text', text: '# Environment' }] },
      ],
    });
    expect(body.messages).toEqual([
      { role: 'system', content: 'You are an agent.\n\n# Environment' },
      { role: 'user', content: 'task' },
    ]);
    expect(rewrites.map((note) => note.kind)).toEqual(['fold_system_message']);
  });

  // Each server gets its own thinking switch (shared/thinking-switch.ts says where each reads it).
  it.each([
    ['ollama', false, { reasoning_effort: 'none' }],
    ['ollama', true, { reasoning_effort: 'medium' }],
    ['llama-server', false, { chat_template_kwargs: { enable_thinking: false } }],
    ['llama-server', true, { chat_template_kwargs: { enable_thinking: true } }],
    ['vllm', false, { chat_template_kwargs: { enable_thinking: false } }],
    ['vllm', true, { chat_template_kwargs: { enable_thinking: true } }],
    ['lm-studio', false, { reasoning_effort: 'none' }],
    ['other', false, { chat_template_kwargs: { enable_thinking: false } }],
  ] as const)('sends %s its own thinking switch (think %s)', (server, think, switches) => {
    const { body } = build({ messages: [{ role: 'user', content: 'x' }] }, { server, think });
    expect({ reasoning_effort: body.reasoning_effort, chat_template_kwargs: body.chat_template_kwargs }).toEqual({
      reasoning_effort: undefined,
      chat_template_kwargs: undefined,
      ...switches,
    });
  });

  it.each([
    ['ollama', { role: 'assistant', content: '', reasoning: 'hmm' }],
    ['vllm', { role: 'assistant', content: '', reasoning_content: 'hmm' }],
    ['other', { role: 'assistant', content: '', reasoning_content: 'hmm', reasoning: 'hmm' }],
  ] as const)(
    'keeps a thinking-only turn for %s as empty content with its reasoning, never content null',
    (server, assistant) => {
      const { body } = build(
        {
          messages: [
            { role: 'user', content: 'x' },
            { role: 'assistant', content: [{ type: 'thinking', thinking: 'hmm' }] },
            { role: 'user', content: 'go on' },
          ],
        },
        { server },
      );
      expect(body.messages[1]).toEqual(assistant);
    },
  );

  it('round-trips tool use: calls with JSON-string arguments, results as tool messages by id', () => {
    const { body } = build(
      {
        tools: [
          {
            name: 'Read',
            description: 'Read a file',
            input_schema: { type: 'object', properties: { file_path: { type: 'string' } } },
          },
        ],
        messages: [
          { role: 'user', content: 'read it' },
          {
            role: 'assistant',
            content: [
              { type: 'thinking', thinking: 'private' },
              { type: 'tool_use', id: 'call_1', name: 'Read', input: { file_path: '/a' } },
            ],
          },
          {
            role: 'user',
            content: [
              { type: 'tool_result', tool_use_id: 'call_1', content: [{ type: 'text', text: 'line 1' }] },
              { type: 'text', text: 'continue' },
            ],
          },
          { role: 'assistant', content: [{ type: 'text', text: 'Done.' }] },
        ],
      },
      { server: 'llama-server' },
    );
    expect(body.tools).toEqual([
      {
        type: 'function',
        function: {
          name: 'Read',
          description: 'Read a file',
          parameters: { type: 'object', properties: { file_path: { type: 'string' } } },
        },
      },
    ]);
    expect(body.messages).toEqual([
      { role: 'user', content: 'read it' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'Read', arguments: '{"file_path":"/a"}' } }],
        // Thinking stays in the history, where llama-server's templates read it.
        reasoning_content: 'private',
      },
      { role: 'tool', tool_call_id: 'call_1', content: 'line 1' },
      { role: 'user', content: 'continue' },
      { role: 'assistant', content: 'Done.' },
    ]);
  });

  it('sends stop sequences and sampling parameters', () => {
    const { body } = build({
      messages: [{ role: 'user', content: 'x' }],
      top_p: 0.8,
      top_k: 20,
      stop_sequences: ['END'],
    });
    expect([body.top_p, body.top_k, body.stop]).toEqual([0.8, 20, ['END']]);
  });

  it('maps parallel tool use off', () => {
    const { body } = build({
      messages: [{ role: 'user', content: 'x' }],
      tool_choice: { type: 'auto', disable_parallel_tool_use: true },
    });
    expect([body.tool_choice, body.parallel_tool_calls]).toEqual(['auto', false]);
  });
});

describe('toolChoice', () => {
  it.each([
    [{ type: 'auto' }, 'auto'],
    [{ type: 'any' }, 'required'],
    [{ type: 'none' }, 'none'],
    [
      { type: 'tool', name: 'Write' },
      { type: 'function', function: { name: 'Write' } },
    ],
    [undefined, null],
    [{ type: 'mystery' }, null],
  ])('maps %j to %j', (choice, expected) => {
    expect(toolChoice(choice)).toEqual(expected);
  });
});
