import { describe, expect, it } from 'vitest';
import { connectionErrorCode } from './preflight-http.ts';

describe('connectionErrorCode', () => {
  it.each([
    [
      'an errno code in the cause',
      new TypeError('fetch failed', { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) }),
      'ECONNREFUSED',
    ],
    [
      'the first code of an aggregate cause',
      new TypeError('fetch failed', { cause: { errors: [{ code: 'EHOSTUNREACH' }] } }),
      'EHOSTUNREACH',
    ],
    [
      'the cause message when there is no code',
      new TypeError('fetch failed', { cause: new Error('bad port') }),
      'bad port',
    ],
    [
      'TIMEOUT for an aborted request',
      new DOMException('The operation was aborted due to timeout', 'TimeoutError'),
      'TIMEOUT',
    ],
    ['the message otherwise', new Error('weird'), 'weird'],
  ])('reports %s', (_name, error, expected) => {
    expect(connectionErrorCode(error)).toBe(expected);
  });
});
