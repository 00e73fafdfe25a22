/**
 * Acceptance of the proxy rescue with the real Claude Code CLI: the sim's wrong tool name and
 * wrong parameter name are refused by Claude Code without the rescue, and carried out with it,
 * and the proxy's record shows both the raw call and the rewrite.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExchangeRecord } from '../../core/exchange.ts';
import { runAgentOnce } from './run-agent.ts';
import type { AgentKit } from './test-kit/e2e-kit.ts';
import { startAgentKit } from './test-kit/e2e-kit.ts';

let kit: AgentKit;
beforeAll(async () => {
  kit = await startAgentKit();
});
afterAll(async () => {
  await kit?.close();
});

async function run(model: string, rescue: boolean) {
  const runId = `${model}-${rescue ? 'rescue' : 'plain'}`;
  const ctx = await kit.context({ model, taskId: 'lru-cache', runId, rescue, maxTurns: 10 });
  const record = await runAgentOnce(ctx);
  const files = await readdir(path.join(ctx.runDir, 'files')).catch(() => []);
  const exchanges: ExchangeRecord[] = kit.proxy.exchanges().filter((e) => e.sessionId === runId);
  return {
    record,
    files,
    calls: exchanges.flatMap((e) => e.toolCalls),
    rewrites: exchanges.flatMap((e) => e.rewrites),
  };
}

describe('proxy rescue through the real Claude Code CLI', () => {
  it('write_file: without rescue no file is written and the log shows an unknown tool', async () => {
    const { record, files, calls } = await run('sim-write-file', false);
    expect(files.filter((f) => f.endsWith('.py'))).toEqual([]);
    expect(calls.find((c) => c.name === 'write_file')?.validation.kind).toBe('unknown_tool');
    expect(calls.every((c) => c.rescued === undefined)).toBe(true);
    expect(record).toMatchObject({ level: 3 });
  });

  it('write_file: with rescue the file is written and the rewrite is logged', async () => {
    const { record, files, calls, rewrites } = await run('sim-write-file', true);
    expect(files).toEqual(expect.arrayContaining(['lru_cache.py', 'test_lru_cache.py']));
    expect(calls.find((c) => c.name === 'write_file')?.rescued?.name).toBe('Write');
    expect(rewrites).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'tool_name', before: 'write_file', after: 'Write' })]),
    );
    expect(record).toMatchObject({ level: 6 });
    expect(record.protocolErrors[0]).toMatchObject({ kind: 'tool_name_mismatch', repairedBy: 'proxy_rescue' });
  });

  it('filename: without rescue Claude Code refuses the schema violation and nothing is written', async () => {
    const { record, files, calls } = await run('sim-filename', false);
    expect(files.filter((f) => f.endsWith('.py'))).toEqual([]);
    const violation = calls.find((c) => c.validation.kind === 'schema_violation');
    expect(violation?.validation).toMatchObject({ missing: ['file_path'], unexpected: ['filename'] });
    expect(record).toMatchObject({ level: 4 });
    expect(record.evidence.some((e) => e.quote.includes('InputValidationError'))).toBe(true);
  });

  it('filename: with rescue the file is written and the parameter rewrite is logged', async () => {
    const { record, files, rewrites } = await run('sim-filename', true);
    expect(files).toEqual(expect.arrayContaining(['lru_cache.py', 'test_lru_cache.py']));
    expect(rewrites).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'param_name', before: 'filename', after: 'file_path' })]),
    );
    expect(record).toMatchObject({ level: 6 });
  });
});
