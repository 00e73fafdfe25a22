/**
 * Reading one upstream answer: its body is decoded and every event handed to the turn as it
 * arrives. The push path decodes each socket read synchronously inside the read; the async path
 * serves dialects that only have an async decoder.
 */
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import type { StreamDecoder, UpstreamEvent } from '../backends/types.ts';

/** Takes one decoded event; false when the turn is over (an error, the client left, a loop stopped). */
export type EventSink = (event: UpstreamEvent) => boolean;

/** How the relay ended: the body was read (or the sink said stop), or handling it threw. */
export type RelayEnd = { kind: 'done' } | { kind: 'threw'; error: Error };

/**
 * Feeds `response` through `decoder` into `sink` until the sink says stop, the decoder is done or
 * the body ends. `cancelled()` true means the client left: a broken body is then not decoded.
 */
export function relayPush(
  response: Readable,
  decoder: StreamDecoder,
  sink: EventSink,
  cancelled: () => boolean,
): Promise<RelayEnd> {
  return new Promise((resolve) => {
    let finished = false;
    const finish = (end: RelayEnd): void => {
      if (finished) return;
      finished = true;
      resolve(end);
    };
    const deliver = (events: readonly UpstreamEvent[]): void => {
      for (const event of events) {
        if (!sink(event)) {
          finish({ kind: 'done' });
          return;
        }
      }
      if (decoder.done) finish({ kind: 'done' });
    };
    // Runs in an emitter callback: a throw must end the turn, not escape and crash the proxy.
    const guarded = (work: () => void): void => {
      if (finished) return;
      try {
        work();
      } catch (error) {
        finish({ kind: 'threw', error: error as Error });
      }
    };
    const closing = (error?: Error): void =>
      guarded(() => {
        if (!cancelled()) deliver(decoder.end(error));
        finish({ kind: 'done' });
      });
    response.on('data', (chunk: Buffer) => guarded(() => deliver(decoder.push(chunk))));
    response.on('end', () =>
      guarded(() => {
        deliver(decoder.end());
        finish({ kind: 'done' });
      }),
    );
    // Also after the turn finished: an 'error' with no listener would crash the proxy.
    response.on('error', (error) => closing(error));
    response.on('close', () => closing(new Error('the upstream closed the connection')));
  });
}

/** The same for a dialect with only an async decoder. */
export async function relayAsync(events: AsyncIterable<UpstreamEvent>, sink: EventSink): Promise<RelayEnd> {
  try {
    for await (const event of events) {
      if (!sink(event)) break;
    }
    return { kind: 'done' };
  } catch (error) {
    return { kind: 'threw', error: error as Error };
  }
}

/**
 * The upstream body for an async decoder. A dialect stops reading at message_stop; the default
 * iterator would then destroy the response and with it the keep-alive socket (a new TCP
 * connection per turn), so this one does not.
 */
export function upstreamBody(response: IncomingMessage): AsyncIterable<Uint8Array> {
  const source = response.iterator({ destroyOnReturn: false }) as AsyncIterator<Uint8Array>;
  return { [Symbol.asyncIterator]: () => source };
}
