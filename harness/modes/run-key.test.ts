import { describe, expect, it } from 'vitest';
import type { Mode } from '../core/run.ts';
import { defaultProxyOptions, startProxy } from '../proxy/index.ts';
import { runKey } from './plan.ts';

describe('runKey', () => {
  it.each([
    ['qwen3:8b', 'raw', 2, true, 'qwen3-8b__lru-cache__raw__a2__rescue'],
    ['gemma4:26b', 'agent', 1, false, 'gemma4-26b__lru-cache__agent__a1'],
    // llama-server's default model id is its -m path, `..` included (interop-audit.md).
    ['/models/../Qwen3-8B-Q4_K_M.gguf', 'agent', 1, false, 'models-..-Qwen3-8B-Q4_K_M.gguf__lru-cache__agent__a1'],
  ])('names the run of %s (%s, attempt %i, rescue %s) %s', (model, mode, attempt, rescue, id) => {
    expect(runKey({ model, task: 'lru-cache', mode: mode as Mode, claudeCode: null, attempt, rescue })).toBe(id);
  });

  it('gives a run id the proxy accepts as a session for a model id that is a file path', async () => {
    const proxy = await startProxy(defaultProxyOptions({ dialect: 'openai', baseUrl: 'http://127.0.0.1:9' }));
    try {
      const id = runKey({
        model: '/models/../Qwen3-8B-Q4_K_M.gguf',
        task: 'lru-cache',
        mode: 'agent',
        claudeCode: '2.1.85',
        attempt: 1,
        rescue: false,
      });
      expect(proxy.openSession({ id }).baseUrl).toBe(`${proxy.url}/s/${id}`);
    } finally {
      await proxy.close();
    }
  });
});
