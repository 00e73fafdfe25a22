/**
 * End to end through the real Claude Code CLI, the real proxy and the scripted server (issue 8):
 * a model that repeats the same call is stopped at the loop limit, long before the run's time and
 * turn limits, with the count in its evidence; a server that cuts Claude Code's prompt to its
 * 4,096-token window gives `infra_error` with the context cause in every dialect, never a level
 * (`context_truncated` where the server cut it, `context_too_small` where, asked not to cut, it refused).
 */

import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readExchanges } from '../../core/exchange-log.ts';
import type { RunRecord } from '../../core/run.ts';
import { runAgentOnce } from './run-agent.ts';
import type { AgentKit } from './test-kit/e2e-kit.ts';
import { startAgentKit } from './test-kit/e2e-kit.ts';

const dialects = ['ollama', 'anthropic', 'openai'] as const;

describe('a model that repeats the same call', () => {
  const loopLimit = 3;
  let kit: AgentKit;
  beforeAll(async () => {
    kit = await startAgentKit({ loopLimit });
  });
  afterAll(async () => {
    await kit?.close();
  });

  it(`is stopped after ${loopLimit} repeats, with the count and the time saved in its evidence`, async () => {
    // Turn and time limits far away: only the loop stop can end this run early.
    const ctx = await kit.context({
      model: 'sim-loop',
      taskId: 'lru-cache',
      runId: 'loop',
      maxTurns: 40,
      timeoutSec: 300,
    });
    const record = await runAgentOnce(ctx);
    if (record.status !== 'completed') throw new Error(`${record.id} ended ${record.status}: ${record.message}`);
    const loop = record.evidence.find((e) => e.kind === 'loop');
    expect(loop?.shows).toMatch(
      new RegExp(`^.* ${loopLimit} times in a row; stopped at \\d+ s, up to \\d+ s of the time limit saved$`),
    );
    expect(loop?.quote).toContain('Read');
    const exchanges = await readExchanges(path.join(ctx.runDir, 'exchanges.jsonl'));
    const models = exchanges.filter((e) => e.kind === 'model');
    const stopped = models.filter((e) => e.loop?.stopped === true);
    expect(stopped).toHaveLength(1);
    expect(stopped[0]?.loop).toMatchObject({ what: 'call', count: loopLimit });
    // Write, then the repeated Read: the proxy refused what came after the limit, and the CLI was ended.
    expect(models.length).toBeLessThan(loopLimit + 4);
    expect(record.metrics.wallMs).toBeLessThan(60_000);
  });
});

describe.each([
  ...dialects.map((dialect) => ({ dialect, ignoresTruncate: false })),
  // An Ollama from before the `truncate` field cuts the prompt on the native dialect too.
  { dialect: 'ollama' as const, ignoresTruncate: true },
])(
  'a server that cuts the prompt to 4,096 tokens, $dialect dialect (ignores truncate: $ignoresTruncate)',
  ({ dialect, ignoresTruncate }) => {
    let kit: AgentKit;
    beforeAll(async () => {
      kit = await startAgentKit({ dialect, ignoresTruncate });
    });
    afterAll(async () => {
      await kit?.close();
    });

    // The fix as a preflight would give it for this server (a made-up wording, so the test sees it is used).
    const known = { tokens: 4096, fix: 'Raise this server’s context to 32768.' };
    it.each([
      ['the context the preflight read', known],
      ['no context known', null],
    ] as const)('gives infra_error with the context cause, never a level (%s)', async (_, serverContext) => {
      const ctx = await kit.context({
        model: 'sim-ctx-4096',
        taskId: 'lru-cache',
        runId: `ctx-${dialect}-${ignoresTruncate ? 'old-' : ''}${serverContext === null ? 'unknown' : 'known'}`,
        serverContext,
      });
      const record: RunRecord = await runAgentOnce(ctx);
      // The native dialect sends `truncate: false`, so Ollama refuses the prompt instead of cutting it;
      // its /v1 layers, other servers and an Ollama older than `truncate` cut it, and the input count shows the cut.
      const cause = dialect === 'ollama' && !ignoresTruncate ? 'context_too_small' : 'context_truncated';
      expect(record).toMatchObject({ status: 'infra_error', cause });
      expect(record).not.toHaveProperty('level');
      if (record.status === 'completed') return;
      expect(record.message).toMatch(/4,?096|context/);
      // Where the server cut the prompt, the message names that server's own fix when the preflight knew it.
      if (cause === 'context_truncated')
        expect(record.message).toContain(
          serverContext === null ? 'OLLAMA_CONTEXT_LENGTH' : 'Raise this server’s context to 32768',
        );
    });
  },
);
