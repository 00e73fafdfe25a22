/**
 * The preflight refusals as a user meets them: the real CLI against a server on loopback that
 * answers with recorded Ollama and llama-server answers. A run that cannot work stops before it
 * starts with exit 2 and one line naming both numbers (or the missing capability) and the fix.
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { factsBody } from '../backends/test-kit/facts-fixtures.ts';
import { type LoopbackServer, type Routes, startLoopbackServer } from '../backends/test-kit/loopback-server.ts';
import { repoRoot } from '../modes/environment.ts';

const ok = (body: unknown) => ({ status: 200, body });

function ollama(model: string, files: { show: string; tags: string; ps: string }): Routes {
  return {
    'GET /api/version': ok({ version: '0.20.2' }),
    'GET /api/tags': ok(factsBody('ollama', files.tags)),
    'POST /api/show': ok(factsBody('ollama', files.show)),
    'GET /api/ps': ok(factsBody('ollama', files.ps)),
    'POST /api/chat': ok({ model, message: { role: 'assistant', content: '' }, done_reason: 'load', done: true }),
    'GET /v1/models': ok({ object: 'list', data: [{ id: model, object: 'model', owned_by: 'library' }] }),
  };
}

let server: LoopbackServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function bench(args: string[]) {
  const out = await mkdtemp(path.join(os.tmpdir(), 'bench-refusal-'));
  const result = await execa(
    path.join(repoRoot, 'node_modules', '.bin', 'tsx'),
    [path.join(repoRoot, 'harness', 'cli', 'main.ts'), '--task', 'lru-cache', '--out', out, ...args],
    { cwd: repoRoot, reject: false, env: { NO_COLOR: '1' }, timeout: 120_000 },
  );
  return { exitCode: result.exitCode, errors: result.stderr.split('\n').filter((l) => l.startsWith('error:')) };
}

describe('pnpm bench refuses runs that cannot work', () => {
  it('refuses agent mode on an Ollama model without the tools capability', async () => {
    server = await startLoopbackServer(
      ollama('gemma4', { show: 'show-gemma4.json', tags: 'tags-gemma4.json', ps: 'ps-gemma4.json' }),
    );
    const result = await bench(['--model', 'gemma4', '--mode', 'agent', '--base-url', server.url]);
    expect(result.exitCode).toBe(2);
    expect(result.errors).toEqual([
      'error: "gemma4" cannot run agent mode: Ollama lists its capabilities as completion, vision, without "tools", so every Claude Code turn would fail with 400: does not support tools. Run it with --mode raw, or pick a model with tool support.',
    ]);
  });

  it("refuses agent mode when Ollama's /v1 layer gives the model 4096 tokens", async () => {
    server = await startLoopbackServer(
      ollama('qwen3-coder:30b', {
        show: 'show-qwen3-coder-30b.json',
        tags: 'tags-qwen3-coder-30b.json',
        ps: 'ps-qwen3-coder-30b.json',
      }),
    );
    const result = await bench([
      '--model',
      'qwen3-coder:30b',
      '--mode',
      'agent',
      '--backend',
      'anthropic',
      '--base-url',
      server.url,
    ]);
    expect(result.exitCode).toBe(2);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toContain('at least 12,288 tokens');
    expect(result.errors[0]).toContain('"qwen3-coder:30b" gets 4,096 from Ollama\'s own setting');
    expect(result.errors[0]).toContain('OLLAMA_CONTEXT_LENGTH=32768 ollama serve');
  });

  it('refuses agent mode on a llama-server slot of 1024 tokens', async () => {
    server = await startLoopbackServer({
      'GET /v1/models': ok(factsBody('llama-server', 'v1-models-readme.json')),
      'GET /props': ok(factsBody('llama-server', 'props-readme.json')),
    });
    const result = await bench([
      '--model',
      'llama',
      '--mode',
      'agent',
      '--backend',
      'openai',
      '--base-url',
      server.url,
    ]);
    expect(result.exitCode).toBe(2);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(/at least 12,288 tokens .* gets 1,024 .* Restart llama-server with -c 32768\./);
  });

  it('refuses --think on an Ollama model without the thinking capability', async () => {
    server = await startLoopbackServer(
      ollama('qwen3-coder:30b', {
        show: 'show-qwen3-coder-30b.json',
        tags: 'tags-qwen3-coder-30b.json',
        ps: 'ps-qwen3-coder-30b.json',
      }),
    );
    const result = await bench(['--model', 'qwen3-coder:30b', '--mode', 'raw', '--think', '--base-url', server.url]);
    expect(result.exitCode).toBe(2);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(/^error: --think needs a model that can think.*Drop --think for this model\.$/);
  });
});
