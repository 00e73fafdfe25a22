import { describe, expect, it } from 'vitest';
import { chunkedBody } from './chunked-body.ts';
import { collectEvents } from './collect-events.ts';
import { sseItems } from './sse-events.ts';

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
