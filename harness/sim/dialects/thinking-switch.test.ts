import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimServer } from '../server.ts';
import { startSimServer } from '../server.ts';
import { lruPrompt } from '../test-kit/conversations.ts';
import { wireExchange } from '../test-kit/dialect-wire.ts';
import type { SimDialect, SimFlavour } from '../types.ts';
import { thinkingOn } from './thinking-switch.ts';

const none = {};
const disabled = { thinking: { type: 'disabled' } };
const enabled = { thinking: { type: 'enabled', budget_tokens: 2048 } };
const adaptive = { thinking: { type: 'adaptive' } };
const templateOff = { chat_template_kwargs: { enable_thinking: false } };
const effortNone = { reasoning_effort: 'none' };
const responsesEffortNone = { reasoning: { effort: 'none' } };
const effortLow = { reasoning_effort: 'low' };

type Row = [SimFlavour, SimDialect, string, Record<string, unknown>, boolean];

// What each real server does with each switch (sources in thinking-switch.ts).
const rows: Row[] = [
  ['ollama', 'ollama', 'think absent', none, true],
  ['ollama', 'ollama', 'think false', { think: false }, false],
  ['ollama', 'ollama', 'think "high"', { think: 'high' }, true],
  ['ollama', 'anthropic', 'no thinking field', none, true],
  ['ollama', 'anthropic', 'thinking disabled', disabled, false],
  ['ollama', 'anthropic', 'thinking enabled', enabled, true],
  ['ollama', 'anthropic', 'thinking adaptive (Claude Code)', adaptive, true],
  ['ollama', 'anthropic', 'chat_template_kwargs off', templateOff, true],
  ['ollama', 'openai', 'no switch', none, true],
  ['ollama', 'openai', 'reasoning_effort none', effortNone, false],
  ['ollama', 'openai', 'reasoning.effort none', responsesEffortNone, false],
  ['ollama', 'openai', 'reasoning_effort low', effortLow, true],
  ['ollama', 'openai', 'chat_template_kwargs off', templateOff, true],
  ['llama-server', 'openai', 'no switch', none, true],
  ['llama-server', 'openai', 'chat_template_kwargs off', templateOff, false],
  ['llama-server', 'openai', 'reasoning_effort none', effortNone, true],
  ['llama-server', 'anthropic', 'chat_template_kwargs off', templateOff, false],
  ['llama-server', 'anthropic', 'thinking disabled', disabled, true],
  ['llama-server', 'ollama', 'think false (native API stays Ollama)', { think: false }, false],
  ['vllm', 'openai', 'chat_template_kwargs off', templateOff, false],
  ['vllm', 'openai', 'reasoning_effort none', effortNone, true],
  ['vllm', 'anthropic', 'chat_template_kwargs off', templateOff, false],
  ['vllm', 'anthropic', 'thinking disabled', disabled, true],
  ['lm-studio', 'openai', 'reasoning_effort none', effortNone, false],
  ['lm-studio', 'openai', 'chat_template_kwargs off', templateOff, true],
  ['lm-studio', 'anthropic', 'thinking disabled', disabled, false],
  ['lm-studio', 'anthropic', 'no thinking field', none, true],
];

describe('thinking switches as each server reads them', () => {
  it.each(rows)('%s, %s dialect, %s → thinks: %s', (flavour, dialect, _what, body, thinks) => {
    expect(thinkingOn(flavour, dialect, body)).toBe(thinks);
  });
});

describe('the thinking persona on the wire, per imitated server', () => {
  const sims = new Map<SimFlavour, SimServer>();
  beforeAll(async () => {
    for (const flavour of ['ollama', 'llama-server', 'vllm', 'lm-studio'] as const)
      sims.set(flavour, await startSimServer({ timeScale: 0, flavour }));
  });
  afterAll(async () => {
    for (const sim of sims.values()) await sim.close();
  });

  it.each(rows.filter(([, dialect]) => dialect !== 'ollama'))(
    '%s, %s dialect, %s → thinks: %s',
    async (flavour, dialect, _what, extra, thinks) => {
      const sim = sims.get(flavour) as SimServer;
      const reply = await wireExchange(sim.url, dialect, {
        model: 'sim-thinking',
        prompt: lruPrompt,
        tools: [],
        extra,
      });
      expect(reply.status).toBe(200);
      if (thinks) {
        expect(reply.thinking.length).toBeGreaterThan(200);
        expect(reply.text).toBe('');
      } else {
        expect(reply.thinking).toBe('');
        expect(reply.text).toContain('class LRUCache');
      }
    },
  );
});
