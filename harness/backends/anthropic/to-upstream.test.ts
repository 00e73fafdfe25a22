import { describe, expect, it } from 'vitest';
import type { MessagesRequest } from '../../core/messages.ts';
import type { DialectSettings } from '../types.ts';
import { defaultStripFields } from './strip-fields.ts';
import { anthropicToUpstream } from './to-upstream.ts';

const settings: DialectSettings = {
  numCtx: 32768,
  think: false,
  maxTokensCap: null,
  modelOverride: null,
  stripFields: defaultStripFields,
};

// The shape Claude Code 2.1.328 sends (observed on loopback), with the long texts shortened.
function claudeCodeRequest(): MessagesRequest {
  return {
    model: 'qwen3:8b',
    max_tokens: 32000,
    stream: true,
    system: [
      { type: 'text', text: 'x-anthropic-billing-header: cc_version=2.1.328.c5e; cc_entrypoint=sdk-cli;' },
      {
        type: 'text',
        text: "You are a Claude agent, built on Anthropic's Claude Agent SDK.",
        cache_control: { type: 'ephemeral' },
      } as never,
      { type: 'text', text: 'You are an agent working with the user.', cache_control: { type: 'ephemeral' } } as never,
    ],
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: '<system-reminder>attribution</system-reminder>' },
          { type: 'text', text: 'run echo hi' },
        ],
      },
      { role: 'system', content: [{ type: 'text', text: '# Environment\n - Platform: linux' }] },
      {
        role: 'assistant',
        content: [{ type: 'tool_use', id: 'toolu_1', name: 'Bash', input: { command: 'echo hi' } }],
      },
      {
        role: 'user',
        content: [
          {
            type: 'tool_result',
            tool_use_id: 'toolu_1',
            content: 'hi',
            is_error: false,
            cache_control: { type: 'ephemeral' },
          } as never,
        ],
      },
    ],
    tools: [
      {
        name: 'Bash',
        description: 'Run a command',
        input_schema: { type: 'object', properties: { command: { type: 'string' } }, required: ['command'] },
      },
      {
        name: 'DeferredToolPlaceholder',
        description: 'never call',
        input_schema: { type: 'object', properties: {} },
        defer_loading: true,
      },
    ],
    metadata: { user_id: '{"device_id":"d","session_id":"s"}' },
    thinking: { type: 'adaptive', display: 'omitted' },
    context_management: { edits: [{ type: 'clear_thinking_20251015', keep: 'all' }] },
    output_config: { effort: 'high' },
  };
}

const claudeCodeHeaders: Record<string, string> = {
  accept: 'application/json',
  authorization: 'Bearer sk-secret',
  'content-type': 'application/json',
  'user-agent': 'claude-cli/2.1.328 (external, sdk-cli)',
  'x-claude-code-session-id': 'cfa6842a-33c8-4654-8124-11bfd19e12a1',
  'x-stainless-retry-count': '0',
  'anthropic-beta': 'claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27',
  'anthropic-version': '2023-06-01',
  'x-app': 'cli',
};

function build(overrides: Partial<DialectSettings> = {}, request = claudeCodeRequest(), headers = claudeCodeHeaders) {
  const result = anthropicToUpstream(request, { ...settings, ...overrides }, headers);
  return { ...result, body: JSON.parse(result.call.body) as MessagesRequest };
}

describe('anthropicToUpstream', () => {
  it('turns a Claude Code request into a plain Messages request strict backends accept', () => {
    const { call, body } = build();
    expect(call.path).toBe('/v1/messages');
    expect(body).toEqual({
      model: 'qwen3:8b',
      max_tokens: 32000,
      stream: true,
      system: [
        { type: 'text', text: "You are a Claude agent, built on Anthropic's Claude Agent SDK." },
        { type: 'text', text: 'You are an agent working with the user.' },
        { type: 'text', text: '# Environment\n - Platform: linux' },
      ],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: '<system-reminder>attribution</system-reminder>' },
            { type: 'text', text: 'run echo hi' },
          ],
        },
        {
          role: 'assistant',
          content: [{ type: 'tool_use', id: 'toolu_1', name: 'Bash', input: { command: 'echo hi' } }],
        },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'hi', is_error: false }] },
      ],
      tools: [
        {
          name: 'Bash',
          description: 'Run a command',
          input_schema: { type: 'object', properties: { command: { type: 'string' } }, required: ['command'] },
        },
        {
          name: 'DeferredToolPlaceholder',
          description: 'never call',
          input_schema: { type: 'object', properties: {} },
        },
      ],
      // The server is not known here, so both thinking switches go: each server ignores the other's.
      thinking: { type: 'disabled' },
      chat_template_kwargs: { enable_thinking: false },
    });
  });

  it('keeps anthropic-version, drops betas, session id and credentials, and sends a dummy key', () => {
    const { call, rewrites } = build();
    expect(call.headers).toEqual({
      'content-type': 'application/json',
      accept: 'text/event-stream',
      'anthropic-version': '2023-06-01',
      'x-api-key': 'local-harness',
    });
    const headerNotes = rewrites.filter((note) => note.kind === 'strip_header');
    expect(headerNotes.map((note) => note.before)).toEqual([
      { authorization: '[redacted]' },
      { 'x-claude-code-session-id': 'cfa6842a-33c8-4654-8124-11bfd19e12a1' },
      { 'anthropic-beta': 'claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27' },
      ['user-agent', 'x-app', 'x-stainless-retry-count'],
    ]);
    expect(JSON.stringify(rewrites)).not.toContain('sk-secret');
  });

  it('records every body change as a rewrite note with before and after', () => {
    const { rewrites } = build();
    const bodyNotes = rewrites.filter((note) => note.kind !== 'strip_header').map((note) => [note.kind, note.before]);
    expect(bodyNotes).toEqual([
      [
        'fold_system_message',
        {
          index: 1,
          message: { role: 'system', content: [{ type: 'text', text: '# Environment\n - Platform: linux' }] },
        },
      ],
      ['strip_field', { field: 'cache_control', locations: ['system[1]', 'system[2]', 'messages[2].content[0]'] }],
      ['strip_field', { field: 'thinking', value: { type: 'adaptive', display: 'omitted' } }],
      [
        'strip_field',
        { field: 'context_management', value: { edits: [{ type: 'clear_thinking_20251015', keep: 'all' }] } },
      ],
      ['strip_field', { field: 'output_config', value: { effort: 'high' } }],
      ['strip_field', { field: 'metadata', value: { user_id: '{"device_id":"d","session_id":"s"}' } }],
      ['strip_field', { field: 'defer_loading', locations: ['tools[1]'] }],
      [
        'strip_field',
        {
          field: 'x-anthropic-billing-header',
          value: 'x-anthropic-billing-header: cc_version=2.1.328.c5e; cc_entrypoint=sdk-cli;',
        },
      ],
      ['set_field', { field: 'thinking', value: null }],
      ['set_field', { field: 'chat_template_kwargs', value: null }],
    ]);
    expect(rewrites.every((note) => note.after !== undefined && note.reason.length > 0)).toBe(true);
  });

  it('removes only the configured fields', () => {
    const { body, rewrites } = build({ stripFields: ['metadata'] });
    expect(body.metadata).toBeUndefined();
    // Not stripped, but thinking off still replaces Claude Code's adaptive thinking.
    expect(body.thinking).toEqual({ type: 'disabled' });
    expect(body.output_config).toEqual({ effort: 'high' });
    expect(Array.isArray(body.system) ? body.system[1] : null).toMatchObject({ cache_control: { type: 'ephemeral' } });
    expect(rewrites.filter((note) => note.kind === 'strip_field')).toHaveLength(1);
  });

  it('never removes fields the request needs', () => {
    const { body } = build({ stripFields: ['model', 'messages', 'max_tokens'] });
    expect([body.model, body.max_tokens, body.messages.length]).toEqual(['qwen3:8b', 32000, 3]);
  });

  it('with --think, sends thinking in the enabled-with-budget form instead of adaptive', () => {
    const { body, rewrites } = build({ think: true, server: 'ollama' });
    expect(body.thinking).toEqual({ type: 'enabled', budget_tokens: 16000 });
    expect(rewrites).toContainEqual({
      kind: 'set_field',
      before: { field: 'thinking', value: null },
      after: { field: 'thinking', value: { type: 'enabled', budget_tokens: 16000 } },
      reason: 'thinking on (--think) in the switch ollama reads',
    });
  });

  it("keeps the client's own enabled thinking with a budget under --think", () => {
    const request = { ...claudeCodeRequest(), thinking: { type: 'enabled', budget_tokens: 2048 } };
    expect(build({ think: true, server: 'ollama' }, request).body.thinking).toEqual({
      type: 'enabled',
      budget_tokens: 2048,
    });
  });

  // Each server gets its own switch (shared/thinking-switch.ts says where each reads it).
  it.each([
    ['ollama', false, { thinking: { type: 'disabled' } }],
    ['ollama', true, { thinking: { type: 'enabled', budget_tokens: 16000 } }],
    ['llama-server', false, { chat_template_kwargs: { enable_thinking: false } }],
    [
      'llama-server',
      true,
      { thinking: { type: 'enabled', budget_tokens: 16000 }, chat_template_kwargs: { enable_thinking: true } },
    ],
    ['vllm', false, { chat_template_kwargs: { enable_thinking: false } }],
    ['vllm', true, { chat_template_kwargs: { enable_thinking: true } }],
    ['lm-studio', false, { thinking: { type: 'disabled' } }],
    [
      'other',
      true,
      { thinking: { type: 'enabled', budget_tokens: 16000 }, chat_template_kwargs: { enable_thinking: true } },
    ],
  ] as const)('sends %s its own thinking switch (think %s)', (server, think, switches) => {
    const { body } = build({ server, think });
    expect({ thinking: body.thinking, chat_template_kwargs: body.chat_template_kwargs }).toEqual({
      thinking: undefined,
      chat_template_kwargs: undefined,
      ...switches,
    });
  });

  it.each([
    ['max_tokens cap', { maxTokensCap: 8192 }, (b: MessagesRequest) => b.max_tokens, 8192],
    ['model override', { modelOverride: 'gemma4:26b' }, (b: MessagesRequest) => b.model, 'gemma4:26b'],
  ] as const)('applies the %s', (_name, overrides, pick, expected) => {
    expect(pick(build(overrides).body)).toBe(expected);
  });

  it("always asks for a stream and does not touch the caller's request object", () => {
    const request = { ...claudeCodeRequest(), stream: false };
    const snapshot = structuredClone(request);
    expect(build({}, request).body.stream).toBe(true);
    expect(request).toEqual(snapshot);
  });

  it("strips cache_control inside tool_result parts without touching the caller's blocks", () => {
    const request = claudeCodeRequest();
    const parts = [
      { type: 'text', text: 'out', cache_control: { type: 'ephemeral' } },
      { type: 'text', text: 'plain' },
    ];
    request.messages.push({
      role: 'user',
      content: [{ type: 'tool_result', tool_use_id: 'toolu_2', content: parts } as never],
    });
    const snapshot = structuredClone(request);
    const { body, rewrites } = build({}, request);
    expect(body.messages.at(-1)?.content).toEqual([
      {
        type: 'tool_result',
        tool_use_id: 'toolu_2',
        content: [
          { type: 'text', text: 'out' },
          { type: 'text', text: 'plain' },
        ],
      },
    ]);
    expect(rewrites).toContainEqual(
      expect.objectContaining({
        before: {
          field: 'cache_control',
          locations: ['system[1]', 'system[2]', 'messages[2].content[0]', 'messages[3].content[0].content[0]'],
        },
      }),
    );
    expect(request).toEqual(snapshot);
  });

  it('defaults anthropic-version when the client sent none', () => {
    expect(build({}, claudeCodeRequest(), {}).call.headers['anthropic-version']).toBe('2023-06-01');
  });
});
