import { describe, expect, it } from 'vitest';
import { redactBody, redactDeep, redactHeaders } from './redact.ts';

describe('redactHeaders', () => {
  it.each([
    ['x-api-key', true],
    ['authorization', true],
    ['x-session-token', true],
    ['x-goog-api-key', true],
    ['cookie', true],
    ['anthropic-version', false],
    ['anthropic-beta', false],
    ['content-type', false],
  ])('masks %s: %s', (name, masked) => {
    expect(redactHeaders({ [name]: 'value' })[name]).toBe(masked ? '[redacted]' : 'value');
  });
});

describe('redactBody', () => {
  it('masks metadata.user_id without touching the original', () => {
    const body = { model: 'm', metadata: { user_id: 'device-1', other: 1 } };
    expect(redactBody(body)).toEqual({ model: 'm', metadata: { user_id: '[redacted]', other: 1 } });
    expect(body.metadata.user_id).toBe('device-1');
  });

  it.each([['text'], [null], [{ model: 'm' }]])('leaves %j alone', (body) => {
    expect(redactBody(body)).toBe(body);
  });
});

describe('redactDeep', () => {
  it('masks credentials nested in rewrite notes', () => {
    expect(
      redactDeep({
        field: 'metadata',
        value: { user_id: 'u' },
        headers: [{ authorization: 'Bearer x', accept: '*/*' }],
      }),
    ).toEqual({
      field: 'metadata',
      value: { user_id: '[redacted]' },
      headers: [{ authorization: '[redacted]', accept: '*/*' }],
    });
  });
});
