/**
 * `pnpm bench:proxy`: what the proxy adds to time-to-first-token, how many stream chunks per
 * second it relays, and the same figures for @musistudio/claude-code-router 2.0.0 in front of the
 * same backend. Client, upstream and each proxy run in separate processes (as in real use), all
 * on loopback; every loop is bounded and every process is stopped at the end.
 *
 * Upstream: the sim's `sim-instant` persona (TTFT 0) for TTFT, and a minimal streamer that sends a
 * fixed run of one-character chunks at once, Anthropic and OpenAI style, for throughput.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Table from 'cli-table3';
import { execa, type ResultPromise } from 'execa';
import type { DialectKind } from '../backends/types.ts';
import { quantile } from '../core/stats.ts';

const warmupRounds = 30;
const measuredRounds = 300;
const chunkCount = 20_000;
const chunkRuns = 3;
const simModel = 'sim-instant';
const chunkModel = 'bench-chunks';
const thisFile = fileURLToPath(import.meta.url);

const targets = { addedP50Ms: 1, addedP99Ms: 5, chunksPerSec: 20_000, timesLessThanRouter: 5 };

type Wire = 'anthropic' | 'openai';

interface Path {
  name: string;
  /** What the client speaks to this path. */
  wire: Wire;
  /** Path whose TTFT is the baseline for "added" (same upstream dialect, no proxy). */
  baseline: string | null;
  ttftUrl: string;
  ttftModel: string;
  chunksUrl: string;
  chunksModel: string;
  ours: boolean;
}

// ---------------------------------------------------------------- child processes

/** `--upstream`: the sim plus the chunk streamer; reports their URLs over IPC. */
async function runUpstreamChild(): Promise<void> {
  const { startSimServer } = await import('../sim/server.ts');
  const sim = await startSimServer();
  const streamer = await startChunkStreamer(chunkCount);
  process.send?.({ simUrl: sim.url, chunksUrl: streamer });
}

/** `--proxy <dialect> <baseUrl> <model>`: our proxy in its own process. */
async function runProxyChild(dialect: DialectKind, baseUrl: string, model: string): Promise<void> {
  const { defaultProxyOptions, startProxy } = await import('../proxy/index.ts');
  const proxy = await startProxy(defaultProxyOptions({ dialect, baseUrl, settings: { modelOverride: model } }));
  process.send?.({ url: proxy.url });
}

/**
 * `--pipe <baseUrl>`: the floor — a byte pass-through that parses nothing (node:http, keep-alive),
 * so the table shows what any extra process hop costs on this machine.
 */
async function runPipeChild(baseUrl: string): Promise<void> {
  const upstream = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const forward = http.request(
        {
          hostname: upstream.hostname,
          port: upstream.port,
          path: req.url,
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': body.length },
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.send?.({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
}

/** A loopback server answering any chat request with `count` one-character chunks, written at once. */
async function startChunkStreamer(count: number): Promise<string> {
  const anthropic = anthropicChunks(count);
  const openai = openaiChunks(count);
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const isAnthropic = (req.url ?? '').startsWith('/v1/messages');
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.end(isAnthropic ? anthropic : openai);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function anthropicChunks(count: number): string {
  const frame = (type: string, data: unknown): string => `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
  const delta = frame('content_block_delta', {
    type: 'content_block_delta',
    index: 0,
    delta: { type: 'text_delta', text: 'x' },
  });
  return [
    frame('message_start', {
      type: 'message_start',
      message: {
        id: 'msg_b',
        type: 'message',
        role: 'assistant',
        model: chunkModel,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 5, output_tokens: 0 },
      },
    }),
    frame('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
    delta.repeat(count),
    frame('content_block_stop', { type: 'content_block_stop', index: 0 }),
    frame('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { output_tokens: count },
    }),
    frame('message_stop', { type: 'message_stop' }),
  ].join('');
}

function openaiChunks(count: number): string {
  const chunk = (delta: unknown, finish: string | null, extra: Record<string, unknown> = {}): string =>
    `data: ${JSON.stringify({ id: 'chatcmpl-b', object: 'chat.completion.chunk', created: 0, model: chunkModel, choices: [{ index: 0, delta, finish_reason: finish }], ...extra })}\n\n`;
  return [
    chunk({ role: 'assistant', content: '' }, null),
    chunk({ content: 'x' }, null).repeat(count),
    chunk({}, 'stop', { usage: { prompt_tokens: 5, completion_tokens: count, total_tokens: count + 5 } }),
    'data: [DONE]\n\n',
  ].join('');
}

function forkChild<T>(args: string[]): Promise<{ child: ChildProcess; info: T }> {
  const child = fork(thisFile, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (info) => resolve({ child, info: info as T }));
    child.once('exit', (code) => reject(new Error(`bench child ${args.join(' ')} exited with ${code}`)));
  });
}

// ---------------------------------------------------------------- claude-code-router

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function startRouter(
  simUrl: string,
  chunksUrl: string,
): Promise<{ url: string; process: ResultPromise; home: string } | null> {
  const bin = join(process.cwd(), 'node_modules', '.bin', 'ccr');
  const home = await mkdtemp(join(tmpdir(), 'ccr-bench-'));
  const port = await freePort();
  await mkdir(join(home, '.claude-code-router'), { recursive: true });
  const config = {
    HOST: '127.0.0.1',
    PORT: port,
    API_TIMEOUT_MS: 600_000,
    NON_INTERACTIVE_MODE: true,
    LOG: false,
    Providers: [
      { name: 'sim', api_base_url: `${simUrl}/v1/chat/completions`, api_key: 'local', models: [simModel] },
      { name: 'chunks', api_base_url: `${chunksUrl}/v1/chat/completions`, api_key: 'local', models: [chunkModel] },
    ],
    Router: { default: `sim,${simModel}` },
  };
  await writeFile(join(home, '.claude-code-router', 'config.json'), JSON.stringify(config));
  const child = execa(bin, ['start'], {
    env: { HOME: home, TMPDIR: home },
    reject: false,
    stdio: 'ignore',
    cleanup: true,
  });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 100; attempt++) {
    const up = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { url, process: child, home };
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill();
  await child;
  await rm(home, { recursive: true, force: true });
  return null;
}

// ---------------------------------------------------------------- the client

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

interface StreamResult {
  ttftMs: number;
  deltas: number;
  /** First content delta → last content delta. */
  spanMs: number;
}

// The same body is valid Anthropic Messages and OpenAI chat completions.
function requestBody(model: string, maxTokens: number): string {
  return JSON.stringify({
    model,
    max_tokens: maxTokens,
    stream: true,
    messages: [{ role: 'user', content: 'Say hello.' }],
  });
}

/** One streamed request; TTFT is request sent → first content delta received. */
function streamOnce(url: string, wire: Wire, body: string): Promise<StreamResult> {
  const marker = wire === 'anthropic' ? '"content_block_delta"' : '"content":"';
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    let sentAt = 0;
    let firstAt: number | null = null;
    let lastAt = 0;
    let deltas = 0;
    let carry = '';
    const req = http.request(
      target,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'x-api-key': 'bench', 'anthropic-version': '2023-06-01' },
      },
      (res) => {
        if ((res.statusCode ?? 0) >= 300) {
          res.resume();
          reject(new Error(`${url} answered ${res.statusCode}`));
          return;
        }
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          const text = carry + chunk;
          let found = 0;
          for (let at = text.indexOf(marker); at !== -1; at = text.indexOf(marker, at + marker.length)) {
            // OpenAI's role chunk carries "content":"" — not a token.
            if (wire === 'openai' && text[at + marker.length] === '"') continue;
            found += 1;
          }
          if (found > 0) {
            const now = performance.now();
            firstAt ??= now;
            lastAt = now;
            deltas += found;
          }
          carry = text.slice(-marker.length);
        });
        res.on('end', () => {
          if (firstAt === null) reject(new Error(`${url} sent no content`));
          else resolve({ ttftMs: firstAt - sentAt, deltas, spanMs: lastAt - firstAt });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
    sentAt = performance.now();
  });
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const children: ChildProcess[] = [];
  let router: Awaited<ReturnType<typeof startRouter>> = null;
  try {
    const upstream = await forkChild<{ simUrl: string; chunksUrl: string }>(['--upstream']);
    children.push(upstream.child);
    const { simUrl, chunksUrl } = upstream.info;
    const ourAnthropic = await forkChild<{ url: string }>(['--proxy', 'anthropic', simUrl, simModel]);
    const ourOpenai = await forkChild<{ url: string }>(['--proxy', 'openai', simUrl, simModel]);
    const ourAnthropicChunks = await forkChild<{ url: string }>(['--proxy', 'anthropic', chunksUrl, chunkModel]);
    const ourOpenaiChunks = await forkChild<{ url: string }>(['--proxy', 'openai', chunksUrl, chunkModel]);
    const pipe = await forkChild<{ url: string }>(['--pipe', simUrl]);
    const pipeChunks = await forkChild<{ url: string }>(['--pipe', chunksUrl]);
    children.push(
      ourAnthropic.child,
      ourOpenai.child,
      ourAnthropicChunks.child,
      ourOpenaiChunks.child,
      pipe.child,
      pipeChunks.child,
    );
    router = await startRouter(simUrl, chunksUrl);

    const paths: Path[] = [
      {
        name: 'direct (Anthropic route)',
        wire: 'anthropic',
        baseline: null,
        ttftUrl: `${simUrl}/v1/messages`,
        ttftModel: simModel,
        chunksUrl: `${chunksUrl}/v1/messages`,
        chunksModel: chunkModel,
        ours: false,
      },
      {
        name: 'direct (OpenAI route)',
        wire: 'openai',
        baseline: null,
        ttftUrl: `${simUrl}/v1/chat/completions`,
        ttftModel: simModel,
        chunksUrl: `${chunksUrl}/v1/chat/completions`,
        chunksModel: chunkModel,
        ours: false,
      },
      {
        name: 'byte pipe (floor) → Anthropic',
        wire: 'anthropic',
        baseline: 'direct (Anthropic route)',
        ttftUrl: `${pipe.info.url}/v1/messages`,
        ttftModel: simModel,
        chunksUrl: `${pipeChunks.info.url}/v1/messages`,
        chunksModel: chunkModel,
        ours: false,
      },
      {
        name: 'our proxy → Anthropic',
        wire: 'anthropic',
        baseline: 'direct (Anthropic route)',
        ttftUrl: `${ourAnthropic.info.url}/v1/messages`,
        ttftModel: 'claude-sonnet-4-5',
        chunksUrl: `${ourAnthropicChunks.info.url}/v1/messages`,
        chunksModel: 'claude-sonnet-4-5',
        ours: true,
      },
      {
        name: 'our proxy → OpenAI',
        wire: 'anthropic',
        baseline: 'direct (OpenAI route)',
        ttftUrl: `${ourOpenai.info.url}/v1/messages`,
        ttftModel: 'claude-sonnet-4-5',
        chunksUrl: `${ourOpenaiChunks.info.url}/v1/messages`,
        chunksModel: 'claude-sonnet-4-5',
        ours: true,
      },
    ];
    if (router !== null) {
      paths.push({
        name: 'claude-code-router 2.0.0 → OpenAI',
        wire: 'anthropic',
        baseline: 'direct (OpenAI route)',
        ttftUrl: `${router.url}/v1/messages`,
        ttftModel: `sim,${simModel}`,
        chunksUrl: `${router.url}/v1/messages`,
        chunksModel: `chunks,${chunkModel}`,
        ours: false,
      });
    } else {
      process.stderr.write(
        'claude-code-router did not start (install @musistudio/claude-code-router@2.0.0); its row is left out.\n',
      );
    }

    // Interleaved rounds, so drift on a shared 2-core machine hits every path alike.
    const ttfts = new Map<string, number[]>(paths.map((path) => [path.name, []]));
    for (let round = 0; round < warmupRounds + measuredRounds; round++) {
      for (const path of paths) {
        const result = await streamOnce(path.ttftUrl, path.wire, requestBody(path.ttftModel, 64));
        if (round >= warmupRounds) ttfts.get(path.name)?.push(result.ttftMs);
      }
    }
    const chunkRates = new Map<string, number>();
    for (const path of paths) {
      await streamOnce(path.chunksUrl, path.wire, requestBody(path.chunksModel, chunkCount)); // warm-up
      const rates: number[] = [];
      for (let run = 0; run < chunkRuns; run++) {
        const result = await streamOnce(path.chunksUrl, path.wire, requestBody(path.chunksModel, chunkCount));
        if (result.deltas < chunkCount * 0.99)
          throw new Error(`${path.name} delivered ${result.deltas} of ${chunkCount} chunks`);
        rates.push(result.deltas / (result.spanMs / 1000));
      }
      chunkRates.set(path.name, rates.sort((a, b) => a - b)[Math.floor(rates.length / 2)] ?? Number.NaN);
    }

    report(paths, ttfts, chunkRates);
  } finally {
    agent.destroy();
    for (const child of children) child.kill();
    if (router !== null) {
      router.process.kill();
      await router.process;
      await rm(router.home, { recursive: true, force: true });
    }
  }
}

function report(
  paths: readonly Path[],
  ttfts: ReadonlyMap<string, number[]>,
  chunkRates: ReadonlyMap<string, number>,
): void {
  const stats = new Map(
    paths.map((path) => {
      const sorted = [...(ttfts.get(path.name) ?? [])].sort((a, b) => a - b);
      return [path.name, { p50: quantile(sorted, 0.5) ?? Number.NaN, p99: quantile(sorted, 0.99) ?? Number.NaN }];
    }),
  );
  const added = (path: Path, p: 'p50' | 'p99'): number | null => {
    if (path.baseline === null) return null;
    return (stats.get(path.name)?.[p] ?? Number.NaN) - (stats.get(path.baseline)?.[p] ?? Number.NaN);
  };
  const ms = (value: number | null): string => (value === null ? '—' : `${value.toFixed(3)} ms`);

  const table = new Table({ head: ['path', 'TTFT p50', 'added TTFT p50', 'added TTFT p99', 'chunks/s'] });
  for (const path of paths) {
    table.push([
      path.name,
      ms(stats.get(path.name)?.p50 ?? null),
      ms(added(path, 'p50')),
      ms(added(path, 'p99')),
      Math.round(chunkRates.get(path.name) ?? 0).toLocaleString('en-US'),
    ]);
  }
  process.stdout.write(
    `Proxy overhead on loopback: ${measuredRounds} streamed requests per path after ${warmupRounds} warm-up rounds; ${chunkCount.toLocaleString('en-US')}-chunk streams, median of ${chunkRuns}.\n`,
  );
  process.stdout.write(`${table.toString()}\n`);

  const verdicts: string[] = [];
  const check = (label: string, ok: boolean): void => void verdicts.push(`${ok ? 'PASS' : 'FAIL'}  ${label}`);
  const router = paths.find((path) => path.name.startsWith('claude-code-router'));
  for (const path of paths.filter((p) => p.ours)) {
    const p50 = added(path, 'p50') ?? Number.NaN;
    const p99 = added(path, 'p99') ?? Number.NaN;
    const rate = chunkRates.get(path.name) ?? 0;
    check(`${path.name}: added TTFT p50 ${p50.toFixed(3)} ms < ${targets.addedP50Ms} ms`, p50 < targets.addedP50Ms);
    check(`${path.name}: added TTFT p99 ${p99.toFixed(3)} ms < ${targets.addedP99Ms} ms`, p99 < targets.addedP99Ms);
    check(
      `${path.name}: ${Math.round(rate).toLocaleString('en-US')} chunks/s ≥ ${targets.chunksPerSec.toLocaleString('en-US')}`,
      rate >= targets.chunksPerSec,
    );
    if (router !== undefined && path.baseline === router.baseline) {
      const theirs = added(router, 'p50') ?? Number.NaN;
      const ratio = p50 <= 0 ? Number.POSITIVE_INFINITY : theirs / p50;
      check(
        `${path.name}: ${Number.isFinite(ratio) ? ratio.toFixed(1) : '∞'}× less added TTFT than claude-code-router (≥ ${targets.timesLessThanRouter}×)`,
        ratio >= targets.timesLessThanRouter,
      );
    }
  }
  process.stdout.write(`${verdicts.join('\n')}\n`);
}

const [mode, ...rest] = process.argv.slice(2);
if (mode === '--upstream') await runUpstreamChild();
else if (mode === '--pipe') await runPipeChild(rest[0] as string);
else if (mode === '--proxy') await runProxyChild(rest[0] as DialectKind, rest[1] as string, rest[2] as string);
else await main();
