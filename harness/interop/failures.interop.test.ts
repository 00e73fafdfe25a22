/**
 * A real llama-server that cannot serve the run is never the model's failure: a context too small for
 * Claude Code is refused before any run, a prompt that still does not fit and a server killed
 * mid-answer both end as infra_error, with no level.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunRecord } from '../core/run.ts';
import { readReportFile } from '../report/validate.ts';
import { readExchanges, removeBenchOutput, runBenchCli, startBenchCli } from './test-kit/bench-cli.ts';
import { startLlamaServer, tinyModelName, waitForDecoding } from './test-kit/llama-server.ts';
import { contextTooSmall, failureCause, failureMessage } from './test-kit/run-cause.ts';

const dialects = ['openai', 'anthropic'] as const;

describe('a real llama-server that cannot serve the run', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it.each(dialects)('refuses agent mode before any run when -c cannot hold Claude Code (%s)', async (dialect) => {
    const server = await startLlamaServer({ contextSize: 2048 });
    cleanups.push(() => server.stop());
    const bench = await startBenchCli(
      [
        ['--backend', dialect, '--base-url', server.url, '--model', tinyModelName, '--mode', 'agent'],
        ['--task', 'lru-cache', '--timeout', '120', '--max-turns', '2', '--no-fixability'],
      ].flat(),
    );
    cleanups.push(() => removeBenchOutput(bench.outDir));
    const result = await bench.finished;
    expect(result.exitCode).toBe(2);
    const errors = result.stderr.split('\n').filter((line) => line.startsWith('error:'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/context/i);
    expect(errors[0]).toContain('2,048');
  });

  it.each(dialects)(
    'labels a prompt larger than the context infra_error with the context cause (%s)',
    async (dialect) => {
      // 12,288 passes the preflight's floor for Claude Code; its first request here is ~13,200 tokens.
      const server = await startLlamaServer({ contextSize: 12_288 });
      cleanups.push(() => server.stop());
      const report = await runBenchCli(
        [
          ['--backend', dialect, '--base-url', server.url, '--model', tinyModelName, '--mode', 'agent'],
          ['--task', 'lru-cache', '--timeout', '120', '--max-turns', '2', '--no-fixability'],
        ].flat(),
      );
      cleanups.push(() => removeBenchOutput(report.outDir));
      const run = report.runs[0] as RunRecord;
      expect(run).toMatchObject({ status: 'infra_error' });
      expect(run).not.toHaveProperty('level');
      expect(failureCause(run)).toBe(contextTooSmall);
      const [exchange] = (await readExchanges(report.outDir, run)).filter((e) => e.kind === 'model');
      // The server's own words: "request (N tokens) exceeds the available context size (12288 tokens)".
      expect(exchange?.error?.message).toMatch(/exceeds the available context size \(12288 tokens\)/);
    },
  );

  it.each(dialects)('labels a server killed mid-answer infra_error, never completed (%s)', async (dialect) => {
    // --ignore-eos and a large limit: the answer is still streaming when the server dies.
    const server = await startLlamaServer({ contextSize: 32768, extraArgs: ['--ignore-eos'] });
    cleanups.push(() => server.stop());
    const bench = await startBenchCli(
      [
        ['--backend', dialect, '--base-url', server.url, '--model', tinyModelName, '--mode', 'raw'],
        ['--task', 'lru-cache', '--max-tokens', '30000', '--timeout', '120', '--no-fixability'],
      ].flat(),
    );
    cleanups.push(() => removeBenchOutput(bench.outDir));
    await waitForDecoding(server.url, 50);
    await server.kill();
    const result = await bench.finished;
    expect(result.exitCode, result.stderr).toBe(0);
    const { report } = await readReportFile(path.join(bench.outDir, 'report.json'));
    const run = report.runs[0] as RunRecord;
    expect(run).toMatchObject({ status: 'infra_error', cause: 'stream_interrupted' });
    expect(run).not.toHaveProperty('level');
    expect(failureMessage(run)).toMatch(/stream|aborted|closed|terminated/i);
    // It was mid-answer: the proxy had streamed tokens before the connection died.
    const [exchange] = (await readExchanges(bench.outDir, run)).filter((e) => e.kind === 'model');
    expect(exchange?.timings.deltaCount).toBeGreaterThan(0);
  });
});
