import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { anthropicDialect } from '../backends/index.ts';
import type { StreamDecoder, UpstreamEvent } from '../backends/types.ts';
import type { MessagesRequest } from '../core/messages.ts';
import { sseFrame } from './sse.ts';
import { textMessage } from './test-kit/fake-upstream.ts';
import { relayAsync, relayPush } from './upstream-relay.ts';

const request: MessagesRequest = { model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] };
const body = textMessage(['Hel', 'lo']).map(sseFrame).join('');

function decoder(): StreamDecoder {
  const create = anthropicDialect.createDecoder;
  if (create === undefined) throw new Error('the anthropic dialect has a push decoder');
  return create(request);
}

function collect(stopAfter = Number.POSITIVE_INFINITY): {
  events: UpstreamEvent[];
  sink: (e: UpstreamEvent) => boolean;
} {
  const events: UpstreamEvent[] = [];
  return { events, sink: (event) => events.push(event) < stopAfter };
}

describe('relayPush', () => {
  it('decodes each read as it arrives and ends at message_stop', async () => {
    const response = new PassThrough();
    const { events, sink } = collect();
    const done = relayPush(response, decoder(), sink, () => false);
    response.write(body.slice(0, 50));
    response.write(body.slice(50));
    await expect(done).resolves.toEqual({ kind: 'done' });
    expect(events.map((e) => e.type)).toEqual(textMessage(['Hel', 'lo']).map((e) => e.type));
  });

  it('stops when the sink says the turn is over', async () => {
    const response = new PassThrough();
    const { events, sink } = collect(2);
    const done = relayPush(response, decoder(), sink, () => false);
    response.write(body);
    await expect(done).resolves.toEqual({ kind: 'done' });
    expect(events).toHaveLength(2);
  });

  it('hands over the decoder closing events when the body ends early (a truncation error)', async () => {
    const response = new PassThrough();
    const { events, sink } = collect();
    const done = relayPush(response, decoder(), sink, () => false);
    response.end(body.slice(0, body.indexOf('event: message_delta')));
    await done;
    expect(events.at(-1)?.type).toBe('error');
  });

  it('ends with the error when the connection breaks, unless the client already left', async () => {
    for (const cancelled of [false, true]) {
      const response = new PassThrough();
      const { events, sink } = collect();
      const done = relayPush(response, decoder(), sink, () => cancelled);
      response.write(body.slice(0, 40));
      response.destroy(new Error('socket hang up'));
      await done;
      expect(events.at(-1)?.type === 'error').toBe(!cancelled);
    }
  });

  it('reports a decoder that throws instead of crashing', async () => {
    const response = new PassThrough();
    const broken: StreamDecoder = {
      done: false,
      push: () => {
        throw new Error('decoder bug');
      },
      end: () => [],
    };
    const done = relayPush(
      response,
      broken,
      () => true,
      () => false,
    );
    response.write('x');
    await expect(done).resolves.toMatchObject({ kind: 'threw', error: { message: 'decoder bug' } });
  });
});

describe('relayAsync', () => {
  it('feeds every event until the sink stops it, and reports a throw', async () => {
    async function* events(): AsyncIterable<UpstreamEvent> {
      yield* textMessage(['a']);
      throw new Error('late failure');
    }
    const all = collect();
    await expect(relayAsync(events(), all.sink)).resolves.toMatchObject({ kind: 'threw' });
    expect(all.events).toHaveLength(textMessage(['a']).length);
    const two = collect(2);
    await expect(relayAsync(events(), two.sink)).resolves.toEqual({ kind: 'done' });
    expect(two.events).toHaveLength(2);
  });
});
