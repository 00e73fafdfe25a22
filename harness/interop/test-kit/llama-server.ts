/**
 * Test instrument: a real llama.cpp llama-server (built by scripts/llama-server.sh) serving the tiny
 * random GGUF on a free loopback port, started in its own process group and killed whole afterwards.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { access, mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { repoRoot } from '../../modes/environment.ts';
import { findTinyModel } from './tiny-model.ts';

/** The name the server lists in /v1/models (`--alias`) and the name the bench is given. */
export const tinyModelName = 'tiny-random';

export interface LlamaServerOptions {
  /** `-c`: the server's context window in tokens. */
  contextSize: number;
  /** More flags, e.g. `--ignore-eos` for an answer that runs to the token limit. */
  extraArgs?: readonly string[];
}

export interface LlamaServer {
  url: string;
  pid: number;
  /** Everything the server printed so far. */
  log(): Promise<string>;
  /** SIGKILL the server, as a crash would; resolves once it has exited. */
  kill(): Promise<void>;
  /** Kill the server's whole process group and remove its log. */
  stop(): Promise<void>;
}

/** What scripts/llama-server.sh built: the binary and a chat template from the same llama.cpp source. */
export interface LlamaServerBuild {
  bin: string;
  /** Qwen2.5's template (models/templates/): chatml with a tools section. */
  chatTemplate: string;
}

/** The cached build; throws one line with the build command when it is not there. */
export async function llamaServerBuild(): Promise<LlamaServerBuild> {
  const script = path.join(repoRoot, 'scripts', 'llama-server.sh');
  const [bin, src] = await Promise.all(
    ['path', 'src'].map(async (what) => (await execa('bash', [script, what])).stdout.trim()),
  );
  const build = {
    bin: bin as string,
    chatTemplate: path.join(src as string, 'models', 'templates', 'Qwen-Qwen2.5-7B-Instruct.jinja'),
  };
  for (const file of [build.bin, build.chatTemplate]) {
    await access(file).catch(() => {
      throw new Error(`interop: ${file} is missing; run: bash scripts/llama-server.sh build`);
    });
  }
  return build;
}

/**
 * The flags the tiny model needs. Its file has no chat template, so one is supplied (with --jinja):
 * Qwen2.5's, whose tools section renders Claude Code's tool definitions. A template without one
 * (the built-in "chatml") drops them silently: /props then says supports_tools false and Claude
 * Code's first request shrinks from ~13,200 to ~4,600 tokens. The trained 4096-token limit is
 * overridden so -c can exceed it; `-l 2+1` nudges end-of-sequence (token 2) so answers end on their
 * own; one thread on a shared machine.
 */
export function llamaServerArgs(
  model: string,
  build: LlamaServerBuild,
  port: number,
  options: LlamaServerOptions,
): string[] {
  return [
    ['-m', model, '--alias', tinyModelName, '--host', '127.0.0.1', '--port', String(port)],
    ['-c', String(options.contextSize), '--override-kv', `llama.context_length=int:${options.contextSize}`],
    ['--override-kv', 'tokenizer.ggml.add_space_prefix=bool:false', '--chat-template-file', build.chatTemplate],
    ['--jinja', '-t', '1', '-l', '2+1'],
    [...(options.extraArgs ?? [])],
  ].flat();
}

/** Start llama-server and wait until /health answers 200; throws with the log's tail if it does not. */
export async function startLlamaServer(options: LlamaServerOptions): Promise<LlamaServer> {
  const [build, model, port] = await Promise.all([llamaServerBuild(), findTinyModel(repoRoot), freeLoopbackPort()]);
  const logDir = await mkdtemp(path.join(os.tmpdir(), 'llama-server-'));
  const logFile = path.join(logDir, 'server.log');
  const logHandle = await open(logFile, 'w');
  const child = spawn(build.bin, llamaServerArgs(model, build, port, options), {
    detached: true,
    stdio: ['ignore', logHandle.fd, logHandle.fd],
  });
  await logHandle.close();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const server: LlamaServer = {
    url,
    pid: child.pid ?? -1,
    log: () => readFile(logFile, 'utf8'),
    kill: async () => {
      killGroup(child, 'SIGKILL');
      await exited;
    },
    stop: async () => {
      killGroup(child, 'SIGKILL');
      await exited;
      await rm(logDir, { recursive: true, force: true });
    },
  };
  try {
    await waitForHealth(url, exited);
  } catch (error) {
    const tail = (await server.log()).trim().split('\n').slice(-15).join('\n');
    await server.stop();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${tail}`);
  }
  return server;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

async function waitForHealth(url: string, exited: Promise<void>, timeoutMs = 60_000): Promise<void> {
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone) throw new Error(`interop: llama-server exited before answering ${url}/health`);
    const ok = await fetch(`${url}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`interop: llama-server did not answer ${url}/health within ${timeoutMs / 1000} s`);
}

/** A loopback port that was free a moment ago. */
export async function freeLoopbackPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Resolves once some slot has decoded at least `tokens` tokens (GET /slots), i.e. an answer is streaming. */
export async function waitForDecoding(url: string, tokens: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const slots: unknown = await fetch(`${url}/slots`).then(
      (response) => (response.ok ? response.json() : []),
      () => [],
    );
    if (Array.isArray(slots) && slots.some((slot) => decodedTokens(slot) >= tokens)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`interop: no llama-server slot decoded ${tokens} tokens within ${timeoutMs / 1000} s`);
}

function decodedTokens(slot: unknown): number {
  if (typeof slot !== 'object' || slot === null || !('is_processing' in slot) || slot.is_processing !== true) return 0;
  const next = 'next_token' in slot && Array.isArray(slot.next_token) ? slot.next_token[0] : null;
  return typeof next === 'object' && next !== null && 'n_decoded' in next && typeof next.n_decoded === 'number'
    ? next.n_decoded
    : 0;
}
