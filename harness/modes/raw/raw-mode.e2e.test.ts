/**
 * Raw mode end to end, in process: the scripted server on loopback, the harness proxy, real
 * pytest. Ground truth for the metric checks is the sim persona's own timing table.
 */
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from '../../cli/parse-bench-args.ts';
import { silentLogger, systemClock } from '../../core/context.ts';
import type { CompletedRun, RunRecord } from '../../core/run.ts';
import { fixableOf } from '../../core/run.ts';
import { fixabilityLine } from '../../report/fixability-line.ts';
import { personaTiming } from '../../sim/server.ts';
import { runBench } from '../bench.ts';

const quiet = { start() {}, finish() {}, note() {} };

async function benchRaw(args: string[]): Promise<{ runs: RunRecord[]; dir: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-raw-e2e-'));
  const parsed = parseBenchArgs(['--backend', 'sim', '--mode', 'raw', '--task', 'lru-cache', '--out', dir, ...args]);
  const result = await runBench(parsed.settings, parsed.taskSelection, {
    clock: systemClock,
    logger: silentLogger,
    progress: quiet,
  });
  return { runs: result.report.runs, dir };
}

function byModel(runs: RunRecord[], model: string): CompletedRun {
  const run = runs.find((r) => r.model === model);
  if (run?.status !== 'completed') throw new Error(`no completed run for ${model}`);
  return run;
}

describe('raw mode on the scripted backend', () => {
  it('labels the personas as the experiment saw them and proves the repair', async () => {
    const { runs, dir } = await benchRaw(['--model', 'sim-correct,sim-typo,sim-thinking,sim-prose,sim-unclosed']);
    const correct = byModel(runs, 'sim-correct');
    expect(correct).toMatchObject({
      status: 'completed',
      level: 6,
      label: 'success',
      fixability: { state: 'not_needed' },
    });
    expect(correct.tests.model).toEqual({ passed: 5, total: 5 });
    expect(correct.tests.reference.total).toBeGreaterThanOrEqual(10);
    expect(correct.tests.reference.passed).toBe(correct.tests.reference.total);

    const typo = byModel(runs, 'sim-typo');
    expect(typo).toMatchObject({ level: 5, label: 'output_corruption', kind: 'identifier_typo' });
    expect(typo.tests.model).toEqual({ passed: 4, total: 5 });
    expect(typo.fixability).toMatchObject({
      state: 'measured',
      method: 'repair',
      after: { status: 'completed', level: 6 },
    });
    expect(fixableOf(typo.fixability)).toBe(true);
    expect(fixabilityLine(typo.level, typo.fixability)).toMatch(
      /^level 5 → 6 with repair \(LRUCCache → LRUCache \(\w+\.py:\d+\)/,
    );
    expect(typo.evidence.map((e) => e.quote).join('\n')).toContain('LRUCCache');

    // Thinking is off by default (Ollama "think": false), so the thinking model answers.
    expect(byModel(runs, 'sim-thinking')).toMatchObject({ level: 6 });
    expect(byModel(runs, 'sim-prose')).toMatchObject({ level: 1, label: 'task_comprehension' });
    const unclosed = byModel(runs, 'sim-unclosed');
    expect(unclosed).toMatchObject({ level: 5, kind: 'truncated_output' });
    expect(unclosed.tests.model).toEqual({ passed: 5, total: 5 });
    // A cut answer is not fixable by a repair that has nothing to change, and the record says so.
    expect(unclosed.fixability).toMatchObject({ state: 'nothing_to_change', method: 'repair' });
    expect(fixableOf(unclosed.fixability)).toBe(false);

    // Every number is traceable: the raw response, extracted files and pytest output sit beside the report.
    for (const key of ['rawResponse', 'exchanges', 'grading']) {
      await expect(stat(path.join(dir, typo.artifacts[key] as string))).resolves.toBeTruthy();
    }
    expect(await readFile(path.join(dir, typo.artifacts.rawResponse as string), 'utf8')).toContain('LRUCCache');
  });

  it('lands the thinking persona at level 1 when thinking is left on', async () => {
    const { runs } = await benchRaw(['--model', 'sim-thinking', '--think']);
    const run = byModel(runs, 'sim-thinking');
    expect(run).toMatchObject({ status: 'completed', level: 1, label: 'task_comprehension', kind: 'thinking_only' });
    expect(run.evidence[0]?.shows).toMatch(/thinking/i);
  });

  // Real clocks on a shared 2-core machine: one retry absorbs a scheduling hiccup of another test.
  it.each(['ollama', 'anthropic', 'openai'])(
    'measures TTFT and decode rate within five percent through the %s dialect',
    { retry: 1 },
    async (dialect) => {
      const timing = personaTiming('sim-timed');
      expect(timing).not.toBeNull();
      const { runs } = await benchRaw(['--model', 'sim-timed', '--sim-dialect', dialect, '--no-fixability']);
      const m = byModel(runs, 'sim-timed').metrics;
      expect(typeof m.ttftMs).toBe('number');
      expect(Math.abs(Number(m.ttftMs) - timing!.ttftMs) / timing!.ttftMs).toBeLessThan(0.05);
      expect(Math.abs(Number(m.decodeTokensPerSec) - timing!.tokensPerSec) / timing!.tokensPerSec).toBeLessThan(0.05);
      if (dialect === 'anthropic') {
        // The Anthropic wire format carries no server timings, and the record says so.
        expect(m.serverDecodeTokensPerSec).toEqual({ unavailable: 'not_reported' });
      } else {
        // What the server reported: eval_count / eval_duration (Ollama), predicted_n / predicted_ms (llama-server).
        expect(m.serverDecodeTokensPerSec).toBeCloseTo(timing!.tokensPerSec, 6);
      }
    },
  );
});
