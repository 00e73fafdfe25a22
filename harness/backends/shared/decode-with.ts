/** Runs a push-driven StreamDecoder over an async body: the `decodeStream` form of a dialect. */
import type { StreamDecoder, UpstreamEvent } from '../types.ts';

/** Yields the decoder's events chunk by chunk and stops reading once it is done. */
export async function* decodeWith(
  decoder: StreamDecoder,
  body: AsyncIterable<Uint8Array>,
): AsyncIterable<UpstreamEvent> {
  try {
    for await (const chunk of body) {
      yield* decoder.push(chunk);
      if (decoder.done) return;
    }
  } catch (error) {
    yield* decoder.end(error);
    return;
  }
  yield* decoder.end();
}
