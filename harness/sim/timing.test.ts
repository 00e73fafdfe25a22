/**
 * Ground truth in real time: the TTFT and decode rate a client measures from the sim-timed
 * persona match its timing table within 10%, and what the server reports equals the schedule
 * exactly. The three dialects run at the same time (~4 s in all).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimServer } from './server.ts';
import { personaTiming, startSimServer } from './server.ts';
import type { TimedChunk } from './test-kit/read-wire.ts';
import { postJson, readTimed } from './test-kit/read-wire.ts';

let sim: SimServer;
beforeAll(async () => {
  sim = await startSimServer();
  // The first fetches load the HTTP client and open its connections; keep that out of the TTFT.
  await Promise.all(Object.keys(dialects).map(async () => (await fetch(`${sim.url}/health`)).text()));
});
afterAll(async () => {
  await sim.close();
});

const prompt = [{ role: 'user', content: 'Say something for the timing probe.' }];

interface Measured {
  /** Arrival time of each token. */
  tokenTimes: number[];
  /** The frame that reports the server's own numbers. */
  report: Record<string, unknown>;
}

/** Token arrivals from the chunks, counting the tokens each chunk carries. */
function arrivals(chunks: TimedChunk[], countTokens: (text: string) => number): number[] {
  return chunks.flatMap((c) => Array<number>(countTokens(c.text)).fill(c.at));
}

const dialects: Record<string, { request: () => Promise<Response>; measure: (chunks: TimedChunk[]) => Measured }> = {
  ollama: {
    request: () => postJson(`${sim.url}/api/chat`, { model: 'sim-timed', messages: prompt, think: false }),
    measure: (chunks) => {
      const lines = chunks
        .map((c) => c.text)
        .join('')
        .trim()
        .split('\n');
      return {
        tokenTimes: arrivals(chunks, (t) => (t.match(/"done":false/g) ?? []).length),
        report: JSON.parse(lines.at(-1) as string) as Record<string, unknown>,
      };
    },
  },
  anthropic: {
    request: () =>
      postJson(`${sim.url}/v1/messages`, { model: 'sim-timed', max_tokens: 4096, stream: true, messages: prompt }),
    measure: (chunks) => {
      const frames = chunks.map((c) => c.text).join('');
      const delta = /event: message_delta\ndata: (.*)\n/.exec(frames)?.[1] as string;
      return {
        tokenTimes: arrivals(chunks, (t) => (t.match(/"text_delta"/g) ?? []).length),
        report: JSON.parse(delta) as Record<string, unknown>,
      };
    },
  },
  openai: {
    request: () => postJson(`${sim.url}/v1/chat/completions`, { model: 'sim-timed', stream: true, messages: prompt }),
    measure: (chunks) => {
      const frames = chunks.map((c) => c.text).join('');
      const final = /^data: (.*"timings".*)$/m.exec(frames)?.[1] as string;
      return {
        tokenTimes: arrivals(chunks, (t) => (t.match(/"content":/g) ?? []).length),
        report: JSON.parse(final) as Record<string, unknown>,
      };
    },
  },
};

describe('sim-timed in real time', () => {
  const timing = personaTiming('sim-timed');

  // On a loaded 2-core machine a timer can fire late once; a real drift fails every attempt.
  it.concurrent.each(Object.keys(dialects))(
    '%s: measured TTFT and decode rate match the timing table',
    { retry: 1 },
    async (name) => {
      expect(timing).not.toBeNull();
      const { ttftMs, tokensPerSec, loadMs } = timing as NonNullable<typeof timing>;
      const dialect = dialects[name] as (typeof dialects)[string];
      const sentAt = performance.now();
      const response = await dialect.request();
      const { tokenTimes, report } = dialect.measure(await readTimed(response));

      const n = tokenTimes.length;
      expect(n).toBe(120);
      // TTFT counts from the request reaching the server (same process, same clock): on a loaded
      // machine the client's own send can take tens of ms, which is not the server's doing.
      const receivedAt = sim
        .requests()
        .find((r) => r.dialect === name && r.model === 'sim-timed' && r.receivedAt >= sentAt)?.receivedAt as number;
      expect((tokenTimes[0] as number) - sentAt).toBeGreaterThanOrEqual(ttftMs);
      const measuredTtft = (tokenTimes[0] as number) - receivedAt;
      const measuredRate = (n - 1) / (((tokenTimes[n - 1] as number) - (tokenTimes[0] as number)) / 1000);
      expect(Math.abs(measuredTtft - ttftMs) / ttftMs).toBeLessThan(0.1);
      expect(Math.abs(measuredRate - tokensPerSec) / tokensPerSec).toBeLessThan(0.1);

      const intervalMs = 1000 / tokensPerSec;
      if (name === 'ollama') {
        expect(report).toMatchObject({
          eval_count: n,
          eval_duration: Math.round(n * intervalMs * 1e6),
          load_duration: loadMs * 1e6,
          prompt_eval_duration: (ttftMs - loadMs) * 1e6,
        });
        expect(((report.eval_count as number) / (report.eval_duration as number)) * 1e9).toBeCloseTo(tokensPerSec, 9);
      }
      if (name === 'openai') {
        expect(report.timings).toMatchObject({
          predicted_n: n,
          predicted_ms: n * intervalMs,
          predicted_per_second: tokensPerSec,
          prompt_ms: ttftMs - loadMs,
        });
      }
      if (name === 'anthropic') expect(report.usage).toEqual({ output_tokens: n });
    },
  );
});
