/** Splits a streamed body into Server-Sent Events with eventsource-parser. */
import { createParser } from 'eventsource-parser';

export interface SseEvent {
  /** The `event:` field, when the server sent one. */
  event: string | undefined;
  data: string;
}

export interface SseItem {
  kind: 'event';
  value: SseEvent;
}

/**
 * Lines that are not SSE at all (a JSON error body sent with status 200, an HTML page). They are
 * reported so a decoder can turn them into an error instead of silently ignoring them.
 */
export interface SseStrayLine {
  kind: 'stray';
  line: string;
}

/** Push-driven splitting: each call returns the items completed so far, in order. */
export interface SseSplitter {
  feed(chunk: Uint8Array): Array<SseItem | SseStrayLine>;
  /** The body ended: the items completed by the last bytes. */
  end(): Array<SseItem | SseStrayLine>;
}

/** A splitter for one body (UTF-8 sequences split across chunks are joined). */
export function createSseSplitter(): SseSplitter {
  const decoder = new TextDecoder();
  let ready: Array<SseItem | SseStrayLine> = [];
  const parser = createParser({
    onEvent: (message) => ready.push({ kind: 'event', value: { event: message.event, data: message.data } }),
    onError: (error) => {
      if (error.type === 'unknown-field') ready.push({ kind: 'stray', line: error.line ?? `${error.field ?? ''}` });
    },
  });
  const take = (): Array<SseItem | SseStrayLine> => {
    const items = ready;
    ready = [];
    return items;
  };
  return {
    feed(chunk) {
      parser.feed(decoder.decode(chunk, { stream: true }));
      return take();
    },
    end() {
      parser.feed(decoder.decode());
      // An event cut off before its blank line is incomplete; it is dropped, and the decoder then
      // notices the missing terminator and reports truncation.
      parser.reset({ consume: false });
      return take();
    },
  };
}

/** Yields each complete event, and each line the SSE grammar does not know, in order. */
export async function* sseItems(body: AsyncIterable<Uint8Array>): AsyncIterable<SseItem | SseStrayLine> {
  const splitter = createSseSplitter();
  for await (const chunk of body) yield* splitter.feed(chunk);
  yield* splitter.end();
}
