/**
 * `pnpm bench:overhead` — the harness's own cost per raw run, in milliseconds: everything except
 * waiting on the model (proxy, stream assembly, extraction, workspace, both pytest runs, record
 * writing). Runs against the scripted backend on loopback.
 *
 * How: tinybench times each full raw run with a clock from which the model's own time is
 * subtracted (the proxy's upstream send → last byte for that run), so the latency it reports is
 * pure harness time. The phases are timed separately as well.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Bench } from 'tinybench';
import { parseBenchArgs } from '../cli/parse-bench-args.ts';
import { silentLogger, systemClock } from '../core/context.ts';
import { extractCodeBlocks } from '../grading/extract-code.ts';
import { gradeFiles } from '../grading/grade.ts';
import { resolveGraderPython } from '../grading/python.ts';
import { sortBlocks } from '../grading/sort-blocks.ts';
import { createWorkspace, removeWorkspace, writeFiles } from '../grading/workspace.ts';
import type { RunContext } from '../modes/context.ts';
import { runRawOnce } from '../modes/raw/run-raw.ts';
import { defaultProxyOptions, startProxy } from '../proxy/index.ts';
import { appendRunJsonl } from '../report/jsonl.ts';
import { startSimServer } from '../sim/server.ts';
import { loadTask } from '../tasks/load-task.ts';

const iterations = Number(process.env.BENCH_ITERATIONS ?? 8);

async function main(): Promise<void> {
  const out = await mkdtemp(path.join(os.tmpdir(), 'bench-overhead-'));
  const sim = await startSimServer({ port: 0 });
  const { settings } = parseBenchArgs([
    '--backend',
    'sim',
    '--model',
    'sim-correct',
    '--mode',
    'raw',
    '--task',
    'lru-cache',
    '--out',
    out,
    '--no-fixability',
  ]);
  const proxy = await startProxy(
    defaultProxyOptions({ dialect: 'ollama', baseUrl: sim.url, settings: { numCtx: settings.numCtx } }),
  );
  const task = await loadTask('lru-cache');
  const python = await resolveGraderPython({ explicit: null, modules: task.pythonModules });

  // Model time excluded from the clock: the proxy's upstream send → last byte of each run.
  let modelMs = 0;
  const harnessClock = (): number => performance.now() - modelMs;
  let n = 0;
  let sampleAnswer = '';
  const bench = new Bench({ iterations, time: 0, warmup: false, now: harnessClock });
  bench.add('raw run, harness time only', async () => {
    n += 1;
    const ctx: RunContext = {
      runId: `overhead-${n}`,
      model: 'sim-correct',
      task,
      attempt: n,
      rescue: false,
      serverContext: null,
      settings: { ...settings, tasks: ['lru-cache'], baseUrl: sim.url },
      proxy,
      python,
      runDir: path.join(out, 'runs', `overhead-${n}`),
      reportDir: out,
      claude: null,
      clock: systemClock,
      logger: silentLogger,
    };
    const record = await runRawOnce(ctx);
    await appendRunJsonl(path.join(out, 'runs.jsonl'), record);
    const exchange = proxy.exchanges().find((e) => e.sessionId === ctx.runId && e.kind === 'model');
    modelMs += exchange?.timings.responseMs ?? 0;
  });
  await bench.run();
  const whole = bench.tasks[0]?.result;

  // Phases on their own, with the real clock.
  sampleAnswer = await (await import('node:fs/promises')).readFile(
    path.join(out, 'runs', 'overhead-1', 'raw-response.md'),
    'utf8',
  );
  const phases = new Bench({ iterations, time: 0 });
  phases.add('extract + sort code blocks', () => {
    sortBlocks(task, extractCodeBlocks(sampleAnswer));
  });
  phases.add('workspace + pytest (model tests, reference tests)', async () => {
    const ws = await createWorkspace('bench-overhead-');
    const { files } = sortBlocks(task, extractCodeBlocks(sampleAnswer));
    await writeFiles(ws, files);
    await gradeFiles({ task, sourceDir: ws, python: python.path, outDir: path.join(ws, '_grading'), timeoutSec: 60 });
    await removeWorkspace(ws);
  });
  await phases.run();

  const rows = [
    { name: 'raw run, harness time only', result: whole },
    ...phases.tasks.map((t) => ({ name: t.name, result: t.result })),
  ].map(({ name, result }) => {
    const latency = result && 'latency' in result ? result.latency : null;
    return {
      what: name,
      'mean ms': latency ? latency.mean.toFixed(2) : 'n/a',
      'p50 ms': latency ? latency.p50.toFixed(2) : 'n/a',
      'p99 ms': latency ? latency.p99.toFixed(2) : 'n/a',
      samples: latency ? latency.samplesCount : 0,
    };
  });
  process.stdout.write(`Harness overhead per raw run (scripted backend, ${iterations} runs; model time excluded)\n`);
  console.table(rows);
  await proxy.close();
  await sim.close();
  await rm(out, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:overhead failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
