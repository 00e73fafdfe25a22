/**
 * A backend that fails is never the model's failure: a dropped connection mid-answer or a
 * backend gone after the preflight ends the raw run as infra_error with no level.
 */
import { mkdtemp } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBenchArgs } from '../../cli/parse-bench-args.ts';
import { silentLogger, systemClock } from '../../core/context.ts';
import { resolveGraderPython } from '../../grading/python.ts';
import { defaultProxyOptions, startProxy } from '../../proxy/index.ts';
import type { ProxyHandle } from '../../proxy/types.ts';
import { loadTask } from '../../tasks/load-task.ts';
import type { RunContext } from '../context.ts';
import { runRawOnce } from './run-raw.ts';

/** An Ollama-like backend that sends one NDJSON line of an answer, then drops the connection. */
function droppingBackend(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      res.write(
        `${JSON.stringify({ model: 'm', message: { role: 'assistant', content: 'Here is the cache:\n```python\n' }, done: false })}\n`,
      );
      setTimeout(() => res.socket?.destroy(), 50);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('raw mode when the backend fails', () => {
  let backend: http.Server;
  const proxies: ProxyHandle[] = [];

  beforeAll(async () => {
    backend = await droppingBackend();
  });
  afterAll(async () => {
    for (const proxy of proxies) await proxy.close();
    await new Promise((resolve) => backend.close(resolve));
  });

  async function runAgainst(baseUrl: string, runId: string) {
    const proxy = await startProxy(defaultProxyOptions({ dialect: 'ollama', baseUrl }));
    proxies.push(proxy);
    const task = await loadTask('lru-cache');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-infra-'));
    const { settings } = parseBenchArgs(['--model', 'm', '--mode', 'raw', '--out', dir, '--timeout', '20']);
    const ctx: RunContext = {
      runId,
      model: 'm',
      task,
      attempt: 1,
      rescue: false,
      serverContext: null,
      settings: { ...settings, tasks: ['lru-cache'] },
      proxy,
      python: await resolveGraderPython({ explicit: null, modules: task.pythonModules }),
      runDir: path.join(dir, 'runs', runId),
      reportDir: dir,
      claude: null,
      clock: systemClock,
      logger: silentLogger,
    };
    return runRawOnce(ctx);
  }

  it('labels a connection dropped mid-answer infra_error, with no level', async () => {
    const { port } = backend.address() as AddressInfo;
    const run = await runAgainst(`http://127.0.0.1:${port}`, 'dropped');
    expect(run).toMatchObject({ status: 'infra_error', cause: 'stream_interrupted' });
    expect(run).not.toHaveProperty('level');
    expect(run.status === 'completed' ? '' : run.message).toMatch(/truncated|ended|closed|aborted|socket/i);
  });

  it('labels a backend gone after the preflight infra_error', async () => {
    const gone = http.createServer();
    await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
    const { port } = gone.address() as AddressInfo;
    await new Promise((resolve) => gone.close(resolve));
    const run = await runAgainst(`http://127.0.0.1:${port}`, 'gone');
    expect(run).toMatchObject({ status: 'infra_error', cause: 'backend_unreachable' });
    expect(run.status === 'completed' ? '' : run.message).toMatch(/unreachable/i);
  });
});
