/**
 * The downstream half of a streamed turn: SSE headers, one socket write per upstream read
 * (cork/uncork), the first content delta flushed at once, and `ping` frames while the upstream is
 * silent.
 */
import type { StreamEvent } from '../core/messages.ts';
import { contentDeltaKind } from './content-delta.ts';
import { pingFrame, sseFrame, sseHeaders } from './sse.ts';

/** The parts of a node:http response the writer uses. */
export interface SseSink {
  writeHead(status: number, headers: Readonly<Record<string, string>>): unknown;
  flushHeaders(): void;
  write(chunk: string): boolean;
  cork(): void;
  uncork(): void;
  readonly headersSent: boolean;
  readonly writableEnded: boolean;
  readonly destroyed: boolean;
}

export interface SseWriterOptions {
  /**
   * When the events of one upstream read have all been written: `microtask` for push decoders
   * (every event of a read is delivered synchronously), `immediate` for async decoders (after the
   * I/O phase).
   */
  batchEnd: 'microtask' | 'immediate';
  pingIntervalMs: number;
}

export interface SseWriter {
  /** Sends the SSE headers unless they are out already. */
  open(): void;
  /** Writes one event; events written in the same batch leave in one socket write. */
  write(event: StreamEvent): void;
  /** Stops the pings (the response itself is ended by the caller). */
  stop(): void;
}

/** A writer for one streamed response; pings start at once. */
export function createSseWriter(res: SseSink, options: SseWriterOptions): SseWriter {
  let corked = false;
  let bodyStarted = false;
  let wroteSinceTick = false;
  let firstContentOut = false;
  const flush = (): void => {
    if (!corked) return;
    corked = false;
    res.uncork();
  };
  const open = (): void => {
    if (res.headersSent) return;
    res.writeHead(200, sseHeaders);
    // Sent alone only if no event follows in this turn of the event loop; otherwise the headers
    // travel with the first events in one packet.
    setImmediate(() => {
      if (!bodyStarted && !res.writableEnded && !res.destroyed) res.flushHeaders();
    });
  };
  const ping = setInterval(() => {
    if (!wroteSinceTick && !res.writableEnded && !res.destroyed) {
      open();
      bodyStarted = true;
      res.write(pingFrame);
    }
    wroteSinceTick = false;
  }, options.pingIntervalMs);

  return {
    open,
    write(event) {
      if (!corked) {
        corked = true;
        res.cork();
        if (options.batchEnd === 'microtask') queueMicrotask(flush);
        else setImmediate(flush);
      }
      res.write(sseFrame(event));
      bodyStarted = true;
      wroteSinceTick = true;
      // The first token leaves at once: the TTFT the client sees is not held up by the rest of a read.
      if (!firstContentOut && contentDeltaKind(event) !== null) {
        firstContentOut = true;
        flush();
      }
    },
    stop: () => clearInterval(ping),
  };
}
