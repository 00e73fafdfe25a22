import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StreamEvent } from '../core/messages.ts';
import { pingFrame, sseFrame } from './sse.ts';
import { createSseWriter, type SseWriter } from './sse-writer.ts';
import { messageStart, textMessage } from './test-kit/fake-upstream.ts';
import { RecordingSink } from './test-kit/recording-sink.ts';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const writers: SseWriter[] = [];

function writerOn(sink: RecordingSink, batchEnd: 'microtask' | 'immediate', pingIntervalMs = 60_000): SseWriter {
  const writer = createSseWriter(sink, { batchEnd, pingIntervalMs });
  writers.push(writer);
  return writer;
}

afterEach(() => {
  for (const writer of writers.splice(0)) writer.stop();
  vi.useRealTimers();
});

describe('createSseWriter', () => {
  it.each(['microtask', 'immediate'] as const)(
    'sends the events of one upstream read in one write once the first token is out (%s batches)',
    async (batchEnd) => {
      const sink = new RecordingSink();
      const writer = writerOn(sink, batchEnd);
      writer.open();
      const events = textMessage(['a', 'b', 'c']);
      const [start, blockStart, first, ...rest] = events as [StreamEvent, StreamEvent, StreamEvent, ...StreamEvent[]];
      for (const event of [start, blockStart, first, ...rest]) writer.write(event);
      await tick();
      expect(sink.writes).toEqual([
        // The first content delta flushes what came before it at once...
        [start, blockStart, first].map(sseFrame).join(''),
        // ...and the rest of the read leaves together.
        rest.map(sseFrame).join(''),
      ]);
    },
  );

  it('corks a later read whole: one write per batch', async () => {
    const sink = new RecordingSink();
    const writer = writerOn(sink, 'microtask');
    writer.open();
    for (const event of textMessage(['a']).slice(0, 3)) writer.write(event);
    await tick();
    const later: StreamEvent[] = [
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'b' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'c' } },
      { type: 'content_block_stop', index: 0 },
    ];
    for (const event of later) writer.write(event);
    await tick();
    expect(sink.writes.at(-1)).toBe(later.map(sseFrame).join(''));
    expect(sink.writes).toHaveLength(2);
  });

  it('sends the headers alone when no event follows in the same turn of the event loop', async () => {
    const sink = new RecordingSink();
    const writer = writerOn(sink, 'microtask');
    writer.open();
    writer.open();
    await tick();
    expect(sink.status).toBe(200);
    expect(sink.headersFlushed).toBe(1);
  });

  it('does not flush the headers on their own when an event went with them', async () => {
    const sink = new RecordingSink();
    const writer = writerOn(sink, 'microtask');
    writer.open();
    writer.write(messageStart('m'));
    await tick();
    expect(sink.headersFlushed).toBe(0);
  });

  it('pings only in intervals when nothing else was written, opening the stream if needed', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const sink = new RecordingSink();
    const writer = writerOn(sink, 'microtask', 100);
    vi.advanceTimersByTime(100);
    expect(sink.status).toBe(200);
    expect(sink.writes).toEqual([pingFrame]);
    writer.write(messageStart('m'));
    await tick();
    vi.advanceTimersByTime(100); // an event was written in this interval: no ping
    expect(sink.writes.filter((w) => w === pingFrame)).toHaveLength(1);
    vi.advanceTimersByTime(100);
    expect(sink.writes.filter((w) => w === pingFrame)).toHaveLength(2);
    writer.stop();
    vi.advanceTimersByTime(1000);
    expect(sink.writes.filter((w) => w === pingFrame)).toHaveLength(2);
  });
});
