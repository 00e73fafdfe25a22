import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ExchangeRecord } from './exchange.ts';
import {
  createExchangeLogEncoder,
  decodeExchangeLog,
  encodeExchangeLog,
  minBlobChars,
  readExchanges,
} from './exchange-log.ts';

// A real run: Claude Code 2.1.328 through the proxy to the sim's sim-correct persona, 4 model turns
// (fixtures/claude-code/README.md says how it was recorded).
const fullRun = fileURLToPath(
  new URL('../../fixtures/claude-code/sim-correct-lru.full.exchanges.jsonl', import.meta.url),
);
// An older recording, one full record per line, trimmed (fixtures/claude-code/README.md).
const olderLog = fileURLToPath(new URL('../../fixtures/claude-code/sim-path-lru.exchanges.jsonl', import.meta.url));

const long = (c: string): string => c.repeat(minBlobChars);

/** A record as the proxy writes one, with the given body and response text. */
function record(id: string, body: unknown, responseText: string | null = null): ExchangeRecord {
  return {
    ...{ id, sessionId: 's', seq: 1, startedAt: '2026-01-01T00:00:00.000Z', kind: 'model', route: 'upstream' },
    stream: true,
    request: { path: '/v1/messages', headers: { 'x-api-key': '[redacted]' }, body },
    upstream: null,
    response:
      responseText === null
        ? null
        : {
            ...{ id: 'msg_1', type: 'message', role: 'assistant', model: 'm', stop_reason: 'end_turn' },
            content: [{ type: 'text', text: responseText }],
            stop_sequence: null,
            usage: { input_tokens: 1, output_tokens: 1 },
          },
    ...{ error: null, stopReason: 'end_turn', stopDetail: null, usage: { inputTokens: 1, outputTokens: 1 } },
    timings: {
      ...{ queueMs: 0, ttftMs: 1, firstTextMs: 1, firstToolCallMs: null },
      ...{ decodeTokensPerSec: null, responseMs: 2, lastTokenOffsetMs: 1, deltaCount: 1 },
    },
    ...{ serverTimings: null, toolCalls: [], rewrites: [], leakedTokens: [], clientAborted: false },
    ...{ reasoningChars: 0, context: { state: 'unknown', reason: 'no_server_count' }, loop: null },
  };
}

describe('exchange log', () => {
  it.each([
    [
      'a long system prompt and tool list',
      { system: long('s'), tools: [{ name: 'Write', description: long('d') }], messages: [] },
    ],
    [
      'a system prompt given as blocks',
      {
        system: [
          { type: 'text', text: 'short' },
          { type: 'text', text: long('p') },
        ],
        messages: [],
      },
    ],
    [
      'long strings deep in messages',
      { messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: long('r') }] }] },
    ],
    [
      'objects that look like references',
      { messages: [{ role: 'user', content: { $blob: 'nope' } }, { $literal: { $blob: 'x' } }] },
    ],
    ['a body that was not JSON', `{"model": ${long('x')}`],
    ['no body at all', null],
  ])('reads back %s exactly', (_label, body) => {
    const records = [record('s-1', body), record('s-2', body, long('a'))];
    expect(decodeExchangeLog(encodeExchangeLog(records))).toEqual(records);
  });

  it('stores each large value once per log, before the first line that refers to it', () => {
    const body = { system: long('s'), tools: [{ name: 'Write', description: long('d') }], messages: [] };
    const encoder = createExchangeLogEncoder();
    const first = encoder.encode(record('s-1', body));
    const second = encoder.encode(record('s-2', body));
    expect(
      first
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line).type ?? 'exchange'),
    ).toEqual(['blob', 'blob', 'exchange']);
    expect(second.split('\n').filter(Boolean)).toHaveLength(1);
    expect(second).not.toContain('ssss');
    expect(second).not.toContain('dddd');
  });

  it('reads the older one-record-per-line logs unchanged', async () => {
    const text = await readFile(olderLog, 'utf8');
    const lines = text.split('\n').filter(Boolean);
    expect(await readExchanges(olderLog)).toEqual(lines.map((line) => JSON.parse(line)));
  });

  it.each([
    ['a line that is not JSON', '{"id":', /line 1 is not JSON/],
    [
      'a reference to a missing blob',
      '{"id":"a","kind":"model","request":{"body":{"tools":{"$blob":"f00"}}}}',
      /line 1 refers to blob f00/,
    ],
    ['a line that is no record', '{"hello":"world"}', /line 1 is not an exchange record/],
  ])('refuses %s, naming the file and line', (_label, text, message) => {
    expect(() => decodeExchangeLog(text, 'run/exchanges.jsonl')).toThrow(
      expect.objectContaining({ code: 'REPORT_INVALID', message: expect.stringMatching(message) }),
    );
  });
});

describe('a real 4-turn Claude Code run', () => {
  it('rebuilds each full request from the log: whole system prompt, all tools, whole conversation', async () => {
    const records = (await readExchanges(fullRun)).filter((r) => r.kind === 'model');
    expect(records).toHaveLength(4);
    records.forEach((r, turn) => {
      const body = r.request.body as {
        system: Array<{ text: string }>;
        tools: Array<{ name: string; input_schema: unknown }>;
        messages: unknown[];
      };
      expect(body.system.map((block) => block.text.slice(0, 27))).toEqual([
        'x-anthropic-billing-header:',
        'You are a Claude agent, bui',
        '\nYou are an agent working w',
      ]);
      expect(body.tools.map((tool) => tool.name)).toContain('Write');
      expect(body.tools.every((tool) => typeof tool.input_schema === 'object')).toBe(true);
      expect(body.messages).toHaveLength(2 + 2 * turn);
    });
    // Each turn's request holds the previous turn's answer: the conversation is complete.
    const second = records[1]?.request.body as { messages: unknown[] };
    expect(second.messages[2]).toMatchObject({
      role: 'assistant',
      content: records[0]?.response?.content,
    });
  });

  it('is written at least 5× smaller than one full record per line, and reads back identical', async () => {
    // The fixture holds its blobs whole (an older log of this format); it reads the same.
    const records = await readExchanges(fullRun);
    const text = encodeExchangeLog(records);
    expect(decodeExchangeLog(text)).toEqual(records);
    const before = records.reduce((bytes, r) => bytes + Buffer.byteLength(`${JSON.stringify(r)}\n`), 0);
    expect(before / Buffer.byteLength(text)).toBeGreaterThanOrEqual(5);
  });

  it('stores the system prompt and the tool list compressed, the exchange lines as readable JSON', async () => {
    const text = encodeExchangeLog(await readExchanges(fullRun));
    const lines = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const blobs = lines.filter((line) => line.type === 'blob');
    expect(blobs.filter((blob) => typeof blob.brotli === 'string').length).toBeGreaterThanOrEqual(2);
    expect(blobs.every((blob) => 'value' in blob !== 'brotli' in blob)).toBe(true);
    const exchanges = lines.filter((line) => line.type !== 'blob');
    expect(exchanges.map((e) => e.kind)).toContain('model');
  });

  it('refuses a compressed blob that does not decompress, naming the line', () => {
    const text = '{"type":"blob","hash":"ab","brotli":"bm90IGNvbXByZXNzZWQ="}\n';
    expect(() => decodeExchangeLog(text, 'run/exchanges.jsonl')).toThrow(
      /run\/exchanges.jsonl line 1 holds a compressed blob/,
    );
  });
});
