import { describe, expect, it } from 'vitest';
import { joinUpstreamUrl } from './join-url.ts';

describe('joinUpstreamUrl', () => {
  it.each([
    ['http://localhost:11434', '/api/chat', 'http://localhost:11434/api/chat'],
    ['http://localhost:11434/', '/api/chat', 'http://localhost:11434/api/chat'],
    ['http://127.0.0.1:1234/v1', '/v1/chat/completions', 'http://127.0.0.1:1234/v1/chat/completions'],
    ['http://127.0.0.1:1234/v1/', '/v1/models', 'http://127.0.0.1:1234/v1/models'],
    ['http://host:8080/proxy', 'v1/messages', 'http://host:8080/proxy/v1/messages'],
  ])('joins %s and %s', (base, path, expected) => {
    expect(joinUpstreamUrl(base, path)).toBe(expected);
  });
});
