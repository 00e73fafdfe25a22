import { describe, expect, it } from 'vitest';
import { chunkedBody } from '../test-kit/chunked-body.ts';
import { collectEvents } from '../test-kit/collect-events.ts';
import { ndjsonLines } from './ndjson-lines.ts';

describe('ndjsonLines', () => {
  const text = '{"a":"日本"}\r\n\n{"b":2}\n{"c":"é"}';

  it.each([1, 2, 5, 1000])('yields the same lines when the body arrives in %i-byte chunks', async (size) => {
    expect(await collectEvents(ndjsonLines(chunkedBody(text, size)))).toEqual(['{"a":"日本"}', '{"b":2}', '{"c":"é"}']);
  });

  it('yields nothing for an empty body', async () => {
    expect(await collectEvents(ndjsonLines(chunkedBody('')))).toEqual([]);
  });
});
