import { describe, expect, it } from 'vitest';
import { canonicalJson, conversationKey, createLoopTracker, type LoopStop, turnSignature } from './loop-tracker.ts';

const ls = { what: 'call' as const, signature: 'Bash {"command":"ls"}' };

describe('turnSignature', () => {
  it.each([
    [
      'one call',
      [{ name: 'Bash', input: { command: 'ls', timeout: 5 } }],
      [],
      'call',
      'Bash {"command":"ls","timeout":5}',
    ],
    [
      'the same call, keys in another order',
      [{ name: 'Bash', input: { timeout: 5, command: 'ls' } }],
      [],
      'call',
      'Bash {"command":"ls","timeout":5}',
    ],
    [
      'two calls',
      [
        { name: 'Read', input: { file_path: 'a' } },
        { name: 'Read', input: { file_path: 'b' } },
      ],
      [],
      'call',
      'Read {"file_path":"a"} + Read {"file_path":"b"}',
    ],
    ['calls with text around them', [{ name: 'Bash', input: {} }], ['Let me look.'], 'call', 'Bash {}'],
    ['text only, trimmed', [], ['I am done.\n\n  Really done. '], 'text', 'I am done.\n\n  Really done.'],
  ])('describes %s', (_label, calls, texts, what, signature) => {
    expect(turnSignature(calls, texts)).toEqual({ what, signature });
  });

  it('gives an empty reply no signature', () => {
    expect(turnSignature([], ['  \n'])).toBeNull();
  });
});

describe('canonicalJson', () => {
  it.each([
    [{ b: 1, a: [{ d: null, c: 'x' }] }, '{"a":[{"c":"x","d":null}],"b":1}'],
    ['text', '"text"'],
    [undefined, 'null'],
  ])('writes %j as %s', (value, json) => {
    expect(canonicalJson(value)).toBe(json);
  });
});

describe('conversationKey', () => {
  it('is the same for every turn of a conversation and differs between conversations', () => {
    const first = { role: 'user' as const, content: 'Implement an LRU cache' };
    const turn1 = { messages: [first] };
    const turn2 = { messages: [first, { role: 'assistant' as const, content: 'ok' }] };
    expect(conversationKey(turn1)).toBe(conversationKey(turn2));
    expect(conversationKey({ messages: [{ role: 'user', content: 'Another task' }] })).not.toBe(conversationKey(turn1));
  });
});

describe('createLoopTracker', () => {
  const hi = { what: 'text' as const, signature: 'Hello! How can I help you today?' };
  const pwd = { what: 'call' as const, signature: 'Bash {"command":"pwd"}' };
  type Step = [number, typeof ls | typeof hi | null];

  it.each<[string, Step[], Array<number | null>]>([
    [
      'the same call as the conversation grows',
      [
        [2, ls],
        [4, ls],
        [6, ls],
        [8, ls],
      ],
      [null, 2, 3, 4],
    ],
    // Claude Code re-sends the same request when it cannot use a call (a reused tool-call id).
    [
      'the same call for the same request sent again',
      [
        [2, ls],
        [4, ls],
        [4, ls],
        [4, ls],
      ],
      [null, 2, 3, 4],
    ],
    [
      'the same text as the conversation grows',
      [
        [2, hi],
        [4, hi],
        [6, hi],
      ],
      [null, 2, 3],
    ],
    [
      'the same text for the same request sent again (a retry, or the prompt run again)',
      [
        [2, hi],
        [2, hi],
        [2, hi],
      ],
      [null, null, null],
    ],
    [
      'the same first call in a new run of the same prompt',
      [
        [2, ls],
        [4, ls],
        [6, pwd],
        [2, ls],
        [4, ls],
      ],
      [null, 2, null, null, 2],
    ],
    [
      'a different call in between',
      [
        [2, ls],
        [4, ls],
        [6, pwd],
        [8, ls],
      ],
      [null, 2, null, null],
    ],
    [
      'text in between',
      [
        [2, ls],
        [4, { what: 'text', signature: 'Bash {"command":"ls"}' }],
        [6, ls],
      ],
      [null, null, null],
    ],
    [
      'an empty reply in between',
      [
        [2, ls],
        [4, ls],
        [6, null],
        [8, ls],
        [10, ls],
      ],
      [null, 2, null, null, 2],
    ],
  ])('counts %s', (_label, steps, counts) => {
    const tracker = createLoopTracker(4);
    expect(steps.map(([messages, turn]) => tracker.observe('c', messages, turn)?.count ?? null)).toEqual(counts);
  });

  it('records the signature with whitespace collapsed and at most 300 characters', () => {
    const tracker = createLoopTracker(4);
    const long = { what: 'text' as const, signature: `Done.\n\n${'x'.repeat(400)}` };
    tracker.observe('c', 2, long);
    const mark = tracker.observe('c', 4, long);
    expect(mark?.signature.startsWith('Done. xxx')).toBe(true);
    expect(mark?.signature).toHaveLength(300);
    expect(tracker.observe('c', 6, { what: 'text', signature: 'I am\n done.' })).toBeNull();
  });

  it('marks the limit as stopped, with what repeated', () => {
    const tracker = createLoopTracker(4);
    const marks = [2, 4, 6, 8].map((messages) => tracker.observe('c', messages, ls));
    expect(marks.map((mark) => mark?.stopped ?? false)).toEqual([false, false, false, true]);
    expect(marks[3]).toEqual({ what: 'call', count: 4, signature: ls.signature, stopped: true });
  });

  it('keeps conversations apart (subagents in one session)', () => {
    const tracker = createLoopTracker(4);
    tracker.observe('main', 2, ls);
    tracker.observe('sub', 2, ls);
    tracker.observe('sub', 4, { what: 'text', signature: 'done' });
    expect(tracker.observe('main', 4, ls)).toMatchObject({ count: 2 });
  });

  it('never marks a stop with the limit at 0, but still marks repeats', () => {
    const tracker = createLoopTracker(0);
    const marks = [2, 4, 6, 8, 10].map((messages) => tracker.observe('c', messages, ls));
    expect(marks.at(-1)).toMatchObject({ count: 5, stopped: false });
  });

  it('tells listeners of the first stop once, also listeners that come later', () => {
    const tracker = createLoopTracker(2);
    const heard: LoopStop[] = [];
    tracker.onStopped((stop) => heard.push(stop));
    const loop = { what: 'call' as const, count: 2, signature: 'x', stopped: true };
    const stop = { conversation: 'c', exchangeId: 's-4', loop, at: '2026-01-01T00:00:00.000Z' };
    tracker.stop(stop);
    tracker.stop({ ...stop, conversation: 'other', exchangeId: 's-9' });
    tracker.onStopped((late) => heard.push(late));
    expect(heard).toEqual([stop, stop]);
    expect(tracker.stoppedFor('c')).toEqual(stop);
    expect(tracker.stoppedFor('other')?.exchangeId).toBe('s-9');
    expect(tracker.stoppedFor('new')).toBeNull();
    expect(tracker.firstStop()).toEqual(stop);
  });
});
