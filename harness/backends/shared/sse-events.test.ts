import { describe, expect, it } from 'vitest';
import { chunkedBody } from '../test-kit/chunked-body.ts';
import { collectEvents } from '../test-kit/collect-events.ts';
import { createSseSplitter, sseItems } from './sse-events.ts';

describe('sseItems', () => {
  const text = ': keep-alive\n\nevent: message_start\ndata: {"x":"日本"}\n\ndata: [DONE]\r\n\r\n';

  it.each([1, 3, 7, 1000])('yields complete events across %i-byte chunks and skips comments', async (size) => {
    expect(await collectEvents(sseItems(chunkedBody(text, size)))).toEqual([
      { kind: 'event', value: { event: 'message_start', data: '{"x":"日本"}' } },
      { kind: 'event', value: { event: undefined, data: '[DONE]' } },
    ]);
  });

  it('drops an event cut off before its blank line', async () => {
    const items = await collectEvents(sseItems(chunkedBody('data: {"a":1}\n\ndata: {"b":')));
    expect(items).toEqual([{ kind: 'event', value: { event: undefined, data: '{"a":1}' } }]);
  });

  it('reports lines that are not SSE, such as a JSON error body', async () => {
    const items = await collectEvents(sseItems(chunkedBody('{"error":"boom"}\n')));
    expect(items).toEqual([{ kind: 'stray', line: '{"error":"boom"}' }]);
  });
});

describe('createSseSplitter', () => {
  const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

  it('returns each event from the feed that completes it, a character split across feeds included', () => {
    const splitter = createSseSplitter();
    const whole = bytes('event: a\ndata: {"x":"日"}\n\n');
    const cut = whole.indexOf(0xe6) + 1; // inside the three bytes of 日
    expect(splitter.feed(whole.subarray(0, cut))).toEqual([]);
    expect(splitter.feed(whole.subarray(cut))).toEqual([{ kind: 'event', value: { event: 'a', data: '{"x":"日"}' } }]);
    expect(splitter.feed(bytes('data: 1\n\ndata: 2\n\ndata: 3'))).toEqual([
      { kind: 'event', value: { event: undefined, data: '1' } },
      { kind: 'event', value: { event: undefined, data: '2' } },
    ]);
    expect(splitter.end()).toEqual([]);
  });
});
