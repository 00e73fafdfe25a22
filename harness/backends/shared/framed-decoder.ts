/**
 * The skeleton every dialect's decoder shares: bytes are split into frames (SSE events, NDJSON
 * lines) by a FrameSplitter, each frame goes to the dialect's FrameHandler, which appends the
 * Anthropic events it makes (through AnthropicStreamBuilder or the anthropic normaliser) and says
 * when the stream is over. The skeleton owns the push/end protocol of StreamDecoder: nothing is
 * decoded after the stream is over, and a failed body ends with one `stream_interrupted` error.
 */
import type { StreamDecoder, UpstreamEvent } from '../types.ts';
import { decoderError } from './upstream-error.ts';

/** Push-driven framing of one body: each call returns the frames completed so far, in order. */
export interface FrameSplitter<F> {
  feed(chunk: Uint8Array): F[];
  /** The body ended: the frames completed by its last bytes. */
  end(): F[];
}

/** A dialect's decoding of frames into Anthropic events. */
export interface FrameHandler<F> {
  /**
   * Appends the events one frame makes; returns true when the stream is over (finished or failed).
   * `last` is true for frames the splitter completed only because the body ended (an NDJSON line
   * without its newline: possibly cut off).
   */
  frame(frame: F, out: UpstreamEvent[], last: boolean): boolean;
  /** The body ended without a frame that ended the stream: append the closing events or the error. */
  end(out: UpstreamEvent[]): void;
}

/** A StreamDecoder from a splitter and a handler. */
export function createFramedDecoder<F>(splitter: FrameSplitter<F>, handler: FrameHandler<F>): StreamDecoder {
  let done = false;
  const run = (frames: readonly F[], out: UpstreamEvent[], last = false): void => {
    for (const frame of frames) {
      if (handler.frame(frame, out, last)) {
        done = true;
        return;
      }
    }
  };
  return {
    get done() {
      return done;
    },
    push(chunk) {
      const out: UpstreamEvent[] = [];
      if (!done) run(splitter.feed(chunk), out);
      return out;
    },
    end(error) {
      const out: UpstreamEvent[] = [];
      if (done) return out;
      if (error !== undefined) {
        done = true;
        out.push({ type: 'error', error: bodyFailed(error) });
        return out;
      }
      run(splitter.end(), out, true);
      if (!done) handler.end(out);
      done = true;
      return out;
    },
  };
}

function bodyFailed(error: unknown) {
  const reason = error instanceof Error ? error.message : String(error);
  return decoderError('stream_interrupted', `Upstream stream failed: ${reason}`);
}
