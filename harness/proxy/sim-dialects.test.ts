/**
 * The proxy through the real dialects (harness/backends) to the scripted model server
 * (harness/sim), with the sim's waits scaled to zero.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialectKind } from '../backends/types.ts';
import { type SimServer, startSimServer } from '../sim/server.ts';
import { defaultProxyOptions } from './options.ts';
import { startProxy } from './server.ts';
import { claudeCodeTools } from './test-kit/claude-code-tools.ts';
import { parseSseFrames, postJson } from './test-kit/sse-client.ts';
import type { ProxyHandle } from './types.ts';

const lruPrompt =
  'Implement a thread-safe LRU cache in Python using collections.OrderedDict and threading.Lock. Put it in lru_cache.py and five pytest tests in test_lru_cache.py.';

let sim: SimServer;
beforeAll(async () => {
  sim = await startSimServer({ timeScale: 0 });
});
afterAll(async () => {
  await sim.close();
});

async function withProxy(
  dialect: DialectKind,
  model: string,
  run: (proxy: ProxyHandle) => Promise<void>,
): Promise<void> {
  const proxy = await startProxy(
    defaultProxyOptions({ dialect, baseUrl: sim.url, settings: { modelOverride: model } }),
  );
  try {
    await run(proxy);
  } finally {
    await proxy.close();
  }
}

const agentRequest = (stream: boolean) => ({
  model: 'claude-sonnet-4-5',
  max_tokens: 4096,
  stream,
  tools: claudeCodeTools(),
  messages: [
    { role: 'user', content: lruPrompt },
    { role: 'system', content: '# Environment\n - Primary working directory: /work/ws\n - Platform: linux' },
  ],
});

describe.each<DialectKind>(['anthropic', 'ollama', 'openai'])('through the %s dialect to the sim', (dialect) => {
  it('streams a raw answer and records text, usage and timings', async () => {
    await withProxy(dialect, 'sim-correct', async (proxy) => {
      const answer = await postJson(`${proxy.url}/v1/messages?beta=true`, {
        model: 'claude-sonnet-4-5',
        max_tokens: 4096,
        stream: true,
        messages: [{ role: 'user', content: lruPrompt }],
      });
      const events = parseSseFrames(answer.text).map((frame) => frame.event);
      expect(events[0]).toBe('message_start');
      expect(events.at(-1)).toBe('message_stop');
      const record = proxy.exchanges()[0];
      expect(record?.error).toBeNull();
      expect(record?.stopReason).toBe('end_turn');
      expect(record?.response?.content[0]).toMatchObject({
        type: 'text',
        text: expect.stringContaining('OrderedDict'),
      });
      expect(record?.timings.ttftMs).toEqual(expect.any(Number));
      expect(record?.timings.deltaCount).toBeGreaterThan(1);
      expect(record?.upstream).toMatchObject({ dialect, model: 'sim-correct' });
    });
  });

  it('validates a wrong tool name and rescues it onto Write', async () => {
    await withProxy(dialect, 'sim-write-file', async (proxy) => {
      await postJson(`${proxy.url}/v1/messages`, agentRequest(false));
      const [call] = proxy.exchanges()[0]?.toolCalls ?? [];
      expect(call).toMatchObject({ name: 'write_file', offered: false, validation: { kind: 'unknown_tool' } });

      const session = proxy.openSession({ id: 'rescued', rescue: true });
      const answer = await postJson(`${session.baseUrl}/v1/messages`, agentRequest(false));
      const message = JSON.parse(answer.text) as {
        content: Array<{ type: string; name?: string; input?: Record<string, unknown> }>;
      };
      const toolUse = message.content.find((block) => block.type === 'tool_use');
      expect(toolUse?.name).toBe('Write');
      expect(Object.keys(toolUse?.input ?? {}).sort()).toEqual(['content', 'file_path']);
      expect(session.exchanges()[0]?.toolCalls[0]?.rescued?.name).toBe('Write');
    });
  });
});

describe('leaked tokens through the sim', () => {
  it('records <unused24> from the sim-leak persona', async () => {
    await withProxy('ollama', 'sim-leak', async (proxy) => {
      await postJson(`${proxy.url}/v1/messages`, {
        model: 'claude-sonnet-4-5',
        max_tokens: 4096,
        stream: true,
        messages: [{ role: 'user', content: lruPrompt }],
      });
      expect(proxy.exchanges()[0]?.leakedTokens).toContain('<unused24>');
    });
  });
});
