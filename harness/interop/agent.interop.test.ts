/**
 * Agent mode with the real Claude Code CLI against a real llama.cpp llama-server, through both
 * dialects. The tiny model answers gibberish, so any level is fine; what must hold is that the run
 * ends with a level (nothing crashes, no infra_error) and that every answer's token counts in the
 * proxy's records are the ones the server sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExchangeRecord } from '../core/exchange.ts';
import type { RunRecord } from '../core/run.ts';
import type { BenchReport } from '../report/types.ts';
import { readExchanges, removeBenchOutput, runBenchCli } from './test-kit/bench-cli.ts';
import { type LlamaServer, startLlamaServer, tinyModelName } from './test-kit/llama-server.ts';
import { serverReportOf } from './test-kit/server-report.ts';
import { harnessCounts, isAnsweredChat, serverCounts } from './test-kit/token-counts.ts';
import { startWireTap, type TappedExchange, type WireTap } from './test-kit/wire-tap.ts';

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

// One server with one slot for all runs, in order: each request lands where the previous prompt is
// cached, so the second anthropic run's counts exercise input_tokens + cache_read_input_tokens.
let server: LlamaServer;
let tap: WireTap;

beforeAll(async () => {
  // Claude Code's first request is ~13,200 tokens with this tokenizer and template; room for two turns.
  server = await startLlamaServer({ contextSize: 65536, extraArgs: ['-np', '1'] });
  tap = await startWireTap(server.url);
});

afterAll(async () => {
  await tap?.close();
  await server?.stop();
});

const cases = [
  { dialect: 'openai', cache: 'cold' },
  { dialect: 'anthropic', cache: 'cold' },
  { dialect: 'anthropic', cache: 'warm' },
] as const;

describe.each(cases)(
  'agent mode through the $dialect dialect of a real llama-server, prompt cache $cache',
  ({ dialect, cache }) => {
    let report: BenchReport & { outDir: string };
    let run: RunRecord;
    let exchanges: ExchangeRecord[];
    let tapped: TappedExchange[];

    beforeAll(async () => {
      tap.clear();
      report = await runBenchCli(
        [
          ['--backend', dialect, '--base-url', tap.url, '--model', tinyModelName, '--mode', 'agent'],
          ['--task', 'lru-cache', '--timeout', '120', '--max-turns', '2', '--no-fixability'],
        ].flat(),
      );
      run = report.runs[0] as RunRecord;
      exchanges = await readExchanges(report.outDir, run);
      tapped = tap.exchanges();
    }, 300_000);

    afterAll(async () => {
      if (report !== undefined) await removeBenchOutput(report.outDir);
    });

    it('ends the run with a level: the engine worked, the model is what it is', () => {
      expect(run).toMatchObject({ status: 'completed', level: expect.any(Number) });
      expect(run.metrics.turns).toBeGreaterThan(0);
    });

    it('records every answer with the token counts the server reported', () => {
      const recorded = harnessCounts(exchanges);
      expect(recorded.length).toBeGreaterThan(0);
      expect(recorded).toEqual(serverCounts(tapped));
    });

    it("sums the model turns' counts into the run's token metrics", () => {
      const turns = exchanges.filter((e) => e.kind === 'model' && e.route === 'upstream');
      expect(run.metrics).toMatchObject({
        inputTokens: sum(turns.map((e) => e.usage.inputTokens ?? 0)),
        outputTokens: sum(turns.map((e) => e.usage.outputTokens ?? 0)),
      });
    });

    it.runIf(cache === 'warm')('counts the cached part of the prompt as input', () => {
      const cached = tapped.filter(isAnsweredChat).map((t) => serverReportOf(t).cachedInputTokens ?? 0);
      expect(Math.max(...cached)).toBeGreaterThan(0);
    });
  },
);
