import { describe, expect, it } from 'vitest';
import { streamsToolCalls } from './tool-call-streaming.ts';

describe('streamsToolCalls', () => {
  it.each([
    ['ollama', 'other', false],
    ['anthropic', 'ollama', false],
    ['openai', 'ollama', false],
    ['openai', 'llama-server', true],
    ['anthropic', 'vllm', true],
    ['openai', 'lm-studio', null],
    ['anthropic', 'other', null],
  ] as const)('%s dialect on %s: %s', (dialect, server, expected) => {
    expect(streamsToolCalls(dialect, server)).toBe(expected);
  });
});
