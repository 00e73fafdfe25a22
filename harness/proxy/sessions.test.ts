import { describe, expect, it } from 'vitest';
import { isValidSessionId, sessionIdFor } from './sessions.ts';

describe('sessionIdFor', () => {
  it.each([
    ['qwen3-coder:30b__lru-cache__raw__a1', 'qwen3-coder-30b__lru-cache__raw__a1'],
    // llama-server's default model id is its -m path (interop-audit.md, "Measured here").
    ['/models/../Qwen3-8B-Q4_K_M.gguf__lru-cache__agent__a1', 'models-..-Qwen3-8B-Q4_K_M.gguf__lru-cache__agent__a1'],
    ['../models/tiny.gguf', 'models-tiny.gguf'],
    ['C:\\models\\x.gguf', 'C-models-x.gguf'],
    ['hf.co/bartowski/Qwen3:Q4_K_M', 'hf.co-bartowski-Qwen3-Q4_K_M'],
    ['...', 'session'],
    ['', 'session'],
  ])('makes %j into %j', (text, id) => {
    expect(sessionIdFor(text)).toBe(id);
    expect(isValidSessionId(id)).toBe(true);
  });

  it('keeps a long id within 128 characters and tells long ids with the same head apart', () => {
    const a = sessionIdFor(`/${'deep/'.repeat(40)}a.gguf`);
    const b = sessionIdFor(`/${'deep/'.repeat(40)}b.gguf`);
    expect(a).toHaveLength(128);
    expect(isValidSessionId(a)).toBe(true);
    expect(a).not.toBe(b);
  });
});
