import { describe, expect, it } from 'vitest';
import type { MessagesRequest } from '../core/messages.ts';
import { detectHousekeeping, housekeepingTarget } from './housekeeping.ts';
import { claudeCodeTools } from './test-kit/claude-code-tools.ts';

const user = (content: MessagesRequest['messages'][number]['content']): MessagesRequest['messages'] => [
  { role: 'user', content },
];
const base = { model: 'qwen3:8b', max_tokens: 512 };

describe('detectHousekeeping', () => {
  it.each<[string, MessagesRequest, string | null]>([
    ['a quota probe', { ...base, max_tokens: 1, messages: user('quota') }, 'quota_probe'],
    [
      'a session-title prompt in system blocks',
      {
        ...base,
        system: [{ type: 'text', text: 'You are naming a coding session so the user can pick it out.' }],
        messages: user('<session>fix it</session>'),
      },
      'session_title',
    ],
    [
      'a kebab-case name prompt in the user message',
      {
        ...base,
        messages: user([
          { type: 'text', text: 'Generate a short kebab-case name (2-4 words) that captures the main topic' },
        ]),
      },
      'session_name',
    ],
    [
      'an older topic-detection prompt',
      {
        ...base,
        system: 'Analyze if this message indicates a new conversation topic. Format as JSON with isNewTopic and title.',
        messages: user('hi'),
      },
      'topic_detection',
    ],
    [
      'a tool summary label prompt',
      {
        ...base,
        system: 'Write a short summary label describing what these tool calls accomplished.',
        messages: user('Tool: Bash'),
      },
      'tool_summary',
    ],
    ['a haiku-class model', { ...base, model: 'claude-3-5-haiku-20241022', messages: user('hello') }, 'haiku_model'],
    ['a newer haiku name', { ...base, model: 'claude-haiku-4-5', messages: user('hello') }, 'haiku_model'],
    [
      'an ordinary coding turn',
      { ...base, model: 'claude-sonnet-4-5', messages: user('Write app.py with a FastAPI app') },
      null,
    ],
    ['a one-token request that is not a quota probe', { ...base, max_tokens: 1, messages: user('hello') }, null],
    [
      'a coding turn with tools that mentions a helper phrase',
      { ...base, tools: claudeCodeTools(), messages: user('grep for "you are naming a coding session" in src') },
      null,
    ],
  ])('recognises %s', (_label, request, expected) => {
    expect(detectHousekeeping(request)).toBe(expected);
  });
});

describe('housekeepingTarget', () => {
  const plain: MessagesRequest = { ...base, messages: user('quota') };
  const withTools: MessagesRequest = { ...plain, tools: claudeCodeTools() };
  it.each([
    ['local answers a tool-less request itself', { kind: 'local' } as const, plain, { kind: 'local' }],
    [
      'local sends a subagent with tools to the model under test',
      { kind: 'local' } as const,
      withTools,
      { kind: 'upstream', model: 'qwen3:8b' },
    ],
    [
      'model sends it to the model under test',
      { kind: 'model' } as const,
      plain,
      { kind: 'upstream', model: 'qwen3:8b' },
    ],
    [
      'upstream_model sends it to the small model',
      { kind: 'upstream_model', model: 'qwen3:0.6b' } as const,
      plain,
      { kind: 'upstream', model: 'qwen3:0.6b' },
    ],
  ])('%s', (_label, route, request, expected) => {
    expect(housekeepingTarget(route, request, 'qwen3:8b')).toEqual(expected);
  });
});
