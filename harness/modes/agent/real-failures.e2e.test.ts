/**
 * End to end through the real Claude Code CLI, the real proxy and the scripted server: the real
 * failures of local models that the experiment's own personas do not show (issue 8). Each persona
 * reproduces a verbatim sample of /work/shared/real-world-failures.md (see harness/sim/README.md).
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompletedRun, RunRecord } from '../../core/run.ts';
import { fixableOf } from '../../core/run.ts';
import { runAgentOnce } from './run-agent.ts';
import type { AgentKit } from './test-kit/e2e-kit.ts';
import { startAgentKit } from './test-kit/e2e-kit.ts';

function completed(record: RunRecord): CompletedRun {
  if (record.status !== 'completed')
    throw new Error(`${record.id} ended ${record.status} (${record.cause}): ${record.message}`);
  return record;
}

describe.each(['anthropic', 'ollama'] as const)('calls written as text, %s dialect', (dialect) => {
  let kit: AgentKit;
  beforeAll(async () => {
    kit = await startAgentKit({ dialect });
  });
  afterAll(async () => {
    await kit?.close();
  });

  it.each(['sim-qwen-xml', 'sim-hermes'])(
    '%s lands at level 5 (text_tool_call), measured fixable by the rescue',
    async (model) => {
      const ctx = await kit.context({
        model,
        taskId: 'lru-cache',
        runId: `${model}-${dialect}`,
        measureFixability: true,
      });
      const record = completed(await runAgentOnce(ctx));
      expect(record).toMatchObject({ level: 5, kind: 'text_tool_call' });
      expect(record.evidence[0]).toMatchObject({ kind: 'text_tool_call' });
      expect(record.protocolErrors.some((e) => e.kind === 'text_tool_call' && e.call.name === 'Write')).toBe(true);
      expect(record.fixability).toMatchObject({
        state: 'measured',
        method: 'rescue',
        after: { status: 'completed', level: 6 },
      });
      expect(fixableOf(record.fixability)).toBe(true);
    },
  );

  it.each(['sim-qwen-xml', 'sim-hermes'])(
    '%s with --rescue reaches 6, the files written by Claude Code’s Write',
    async (model) => {
      const ctx = await kit.context({ model, taskId: 'lru-cache', runId: `${model}-${dialect}-rescued`, rescue: true });
      const record = completed(await runAgentOnce(ctx));
      expect(record).toMatchObject({ level: 6 });
      expect(await readdir(path.join(ctx.runDir, 'files'))).toEqual(
        expect.arrayContaining(['lru_cache.py', 'test_lru_cache.py']),
      );
      expect(
        record.protocolErrors.filter((e) => e.kind === 'text_tool_call').every((e) => e.repairedBy === 'proxy_rescue'),
      ).toBe(true);
    },
  );
});

describe('arguments of the wrong type', () => {
  let kit: AgentKit;
  beforeAll(async () => {
    kit = await startAgentKit({ dialect: 'anthropic' });
  });
  afterAll(async () => {
    await kit?.close();
  });

  it('sim-string-numbers is level 4 (argument types) and rescued to 6', async () => {
    const plain = completed(
      await runAgentOnce(
        await kit.context({
          model: 'sim-string-numbers',
          taskId: 'lru-cache',
          runId: 'strings',
          measureFixability: true,
        }),
      ),
    );
    expect(plain).toMatchObject({ level: 4, kind: 'argument_type' });
    expect(plain.evidence[0]).toMatchObject({ kind: 'argument_type' });
    expect(fixableOf(plain.fixability)).toBe(true);
    const rescued = completed(
      await runAgentOnce(
        await kit.context({ model: 'sim-string-numbers', taskId: 'lru-cache', runId: 'strings-rescued', rescue: true }),
      ),
    );
    expect(rescued).toMatchObject({ level: 6 });
  });
});
