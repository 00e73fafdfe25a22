import { describe, expect, it } from 'vitest';
import { defaultBaseUrl, dialectFor } from './dialect-for.ts';
import type { DialectKind } from './types.ts';

describe('dialectFor', () => {
  it.each([
    ['ollama', '/api/chat', null],
    ['openai', '/v1/chat/completions', null],
    ['anthropic', '/v1/messages', '/v1/messages/count_tokens'],
  ] as const)('returns the %s dialect, which posts to %s', (kind, path, countTokensPath) => {
    const dialect = dialectFor(kind);
    expect(dialect.kind).toBe(kind);
    expect(dialect.countTokensPath).toBe(countTokensPath);
    const { call } = dialect.toUpstream(
      { model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] },
      { numCtx: 2048, think: false, maxTokensCap: null, modelOverride: null, stripFields: [] },
      {},
    );
    expect(call.path).toBe(path);
    expect(JSON.parse(call.body)).toMatchObject({ model: 'm', stream: true });
  });
});

describe('defaultBaseUrl', () => {
  it.each([
    ['ollama', 'http://localhost:11434'],
    ['openai', null],
    ['anthropic', null],
  ] as Array<[DialectKind, string | null]>)('is %s → %s', (kind, url) => {
    expect(defaultBaseUrl(kind)).toBe(url);
  });
});
