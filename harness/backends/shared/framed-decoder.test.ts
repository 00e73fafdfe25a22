import { describe, expect, it } from 'vitest';
import type { UpstreamEvent } from '../types.ts';
import { createFramedDecoder, type FrameHandler, type FrameSplitter } from './framed-decoder.ts';

// Frames are whole chunks here; the handler ends the stream at "stop" and pings for anything else.
const splitter = (): FrameSplitter<string> => {
  const tail: string[] = [];
  return {
    feed: (chunk) =>
      new TextDecoder()
        .decode(chunk)
        .split(',')
        .filter((frame) => frame !== ''),
    end: () => tail.splice(0),
  };
};
const handler = (ends: UpstreamEvent[]): FrameHandler<string> => ({
  frame: (frame, out) => {
    out.push(frame === 'stop' ? { type: 'message_stop' } : { type: 'ping' });
    return frame === 'stop';
  },
  end: (out) => out.push(...ends),
});
const bytes = (text: string) => new TextEncoder().encode(text);

describe('createFramedDecoder', () => {
  it('passes frames to the handler until one ends the stream, then ignores input and the end', () => {
    const decoder = createFramedDecoder(splitter(), handler([]));
    expect(decoder.push(bytes('a,b'))).toEqual([{ type: 'ping' }, { type: 'ping' }]);
    expect(decoder.push(bytes('stop,c'))).toEqual([{ type: 'message_stop' }]);
    expect(decoder.done).toBe(true);
    expect(decoder.push(bytes('d'))).toEqual([]);
    expect(decoder.end()).toEqual([]);
  });

  it('lets the handler close a body that ended without a terminal frame, once', () => {
    const decoder = createFramedDecoder(splitter(), handler([{ type: 'message_stop' }]));
    decoder.push(bytes('a'));
    expect(decoder.end()).toEqual([{ type: 'message_stop' }]);
    expect(decoder.end()).toEqual([]);
  });

  it('ends a failed body with one stream_interrupted error', () => {
    const decoder = createFramedDecoder(splitter(), handler([]));
    expect(decoder.end(new Error('socket hang up'))).toEqual([
      {
        type: 'error',
        error: { type: 'api_error', message: 'Upstream stream failed: socket hang up', category: 'stream_interrupted' },
      },
    ]);
    expect(decoder.done).toBe(true);
  });
});
