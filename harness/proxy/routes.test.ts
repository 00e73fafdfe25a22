import { describe, expect, it } from 'vitest';
import { resolveRoute } from './routes.ts';

describe('resolveRoute', () => {
  it.each([
    [
      'POST',
      '/v1/messages?beta=true',
      { sessionId: 'default', path: '/v1/messages', route: 'messages', wrongMethod: false },
    ],
    [
      'POST',
      '/s/run-1/v1/messages?beta=true',
      { sessionId: 'run-1', path: '/v1/messages', route: 'messages', wrongMethod: false },
    ],
    [
      'POST',
      '/s/run-1/v1/messages/count_tokens',
      { sessionId: 'run-1', path: '/v1/messages/count_tokens', route: 'count_tokens', wrongMethod: false },
    ],
    ['GET', '/s/a%2Eb/v1/models', { sessionId: 'a.b', path: '/v1/models', route: 'models', wrongMethod: false }],
    ['HEAD', '/health', { sessionId: 'default', path: '/health', route: 'health', wrongMethod: false }],
    ['GET', '/health/', { sessionId: 'default', path: '/health', route: 'health', wrongMethod: false }],
    ['GET', '/v1/messages', { sessionId: 'default', path: '/v1/messages', route: null, wrongMethod: true }],
    ['HEAD', '/api/hello', { sessionId: 'default', path: '/api/hello', route: null, wrongMethod: false }],
    ['GET', '/s/only-a-session', { sessionId: 'only-a-session', path: '/', route: null, wrongMethod: false }],
  ])('%s %s', (method, url, expected) => {
    expect(resolveRoute(method, url)).toEqual(expected);
  });
});
