import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { readBody } from './http-io.ts';
import { proxyDefaults } from './options.ts';
import { messagesRequest, postJson } from './test-kit/sse-client.ts';
import { startTestProxy, type TestProxy } from './test-kit/test-proxy.ts';

const MiB = 1024 * 1024;

let running: TestProxy | null = null;
let child: ChildProcess | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
  child?.kill();
  child = null;
});

/** A readable that makes `total` bytes on demand, never holding more than one chunk. */
function generated(total: number, chunk = 64 * 1024): Readable & { produced(): number } {
  let produced = 0;
  const block = Buffer.alloc(chunk, 'x');
  const stream = new Readable({
    read() {
      if (produced >= total) this.push(null);
      else {
        produced += block.length;
        this.push(block);
      }
    },
  });
  return Object.assign(stream, { produced: () => produced });
}

describe('readBody', () => {
  it('reads a body within the limit whole', async () => {
    const source = Readable.from([Buffer.from('{"a":'), Buffer.from('1}')]);
    await expect(readBody(Object.assign(source, { complete: true }), 100)).resolves.toEqual({
      kind: 'read',
      text: '{"a":1}',
    });
  });
});

describe('request bodies over the limit', () => {
  it('get 413 in the Anthropic shape, and the record keeps no body', async () => {
    running = await startTestProxy(() => {}, { maxBodyBytes: MiB });
    const answer = await postJson(`${running.proxy.url}/v1/messages`, messagesRequest({ pad: 'x'.repeat(2 * MiB) }));
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text)).toEqual({
      type: 'error',
      error: { type: 'request_too_large', message: expect.stringMatching(/larger than the proxy's 1 MB limit/) },
    });
    expect(running.upstream.hits).toHaveLength(0);
    const [record] = running.proxy.exchanges();
    expect(record).toMatchObject({ kind: 'model', error: { status: 413 } });
    expect(JSON.stringify(record).length).toBeLessThan(4000);
  });

  it.skipIf(process.platform !== 'linux')(
    'keep the proxy process under its limit plus a margin while a 200 MB body streams in',
    async () => {
      child = fork(new URL('./test-kit/proxy-child.ts', import.meta.url), [], { execArgv: ['--import', 'tsx'] });
      const { url } = await new Promise<{ url: string }>((resolve) => child?.once('message', resolve as never));
      const peakBefore = peakRssBytes(child.pid as number);
      const body = generated(200 * MiB);
      const status = await new Promise<number>((resolve, reject) => {
        const request = http.request(`${url}/v1/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
        });
        request.on('response', (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        request.on('error', reject);
        body.pipe(request);
      });
      expect(status).toBe(413);
      const growth = peakRssBytes(child.pid as number) - peakBefore;
      // Reading it whole would hold the 200 MB body and its text (~400 MB+).
      expect(growth).toBeLessThan(proxyDefaults.maxBodyBytes + 64 * MiB);
      expect(body.produced()).toBeLessThan(200 * MiB);
    },
    30_000,
  );
});

/** The process's peak resident memory (Linux /proc VmHWM). */
function peakRssBytes(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) * 1024;
}
