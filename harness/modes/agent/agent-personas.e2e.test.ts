/**
 * End to end: every agent persona through the real Claude Code CLI, the real proxy and the sim
 * (ollama dialect, loopback), labelled by the real runner. One sim and one proxy for all.
 */
import { access, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompletedRun, RunRecord } from '../../core/run.ts';
import { fixableOf } from '../../core/run.ts';
import { fixabilityLine } from '../../report/fixability-line.ts';
import { runMarkerEnv } from './agent-attempt.ts';
import { findMarkedPids, isAlive } from './process-tree.ts';
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

async function run(model: string, options: { taskId?: string; measureFixability?: boolean; timeoutSec?: number } = {}) {
  const taskId = options.taskId ?? 'lru-cache';
  const ctx = await kit.context({ model, taskId, runId: `${model}-${taskId}`, maxTurns: 10, ...options });
  return { ctx, record: completed(await runAgentOnce(ctx)) };
}

function completed(record: RunRecord): CompletedRun {
  if (record.status !== 'completed') throw new Error(`${record.id} ended ${record.status}: ${record.message}`);
  return record;
}

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

describe('agent personas on the real Claude Code CLI', () => {
  it.each([
    ['sim-correct', 6, 'success'],
    ['sim-memory', 1, 'task_comprehension'],
    ['sim-websearch', 2, 'tool_hallucination'],
    // sim-filename (level 4) runs in proxy-rescue.e2e.test.ts.
  ])('%s lands at level %i (%s) on the LRU task', async (model, level, label) => {
    const { record } = await run(model);
    expect(record.status).toBe('completed');
    expect(record.level).toBe(level);
    expect(record.label).toBe(label);
  });

  it('sim-typo lands at 5, and the repair is measured to fix it', async () => {
    const { record } = await run('sim-typo', { measureFixability: true });
    expect(record.level).toBe(5);
    expect(record.tests.model).toEqual({ passed: 4, total: 5 });
    expect(record.fixability).toMatchObject({
      state: 'measured',
      method: 'repair',
      after: { status: 'completed', level: 6, tests: { model: { passed: 5, total: 5 } } },
    });
    expect(fixableOf(record.fixability)).toBe(true);
  });

  it('sim-write-file lands at 3, and a rescued rerun is measured to reach 6', async () => {
    const { record } = await run('sim-write-file', { measureFixability: true });
    expect(record.level).toBe(3);
    expect(record.fixability).toMatchObject({
      state: 'measured',
      method: 'rescue',
      after: { status: 'completed', level: 6 },
      rerunId: expect.stringMatching(/rescue/),
    });
    expect(fixableOf(record.fixability)).toBe(true);
    // The line says what the rescue changed.
    expect(fixabilityLine(record.level, record.fixability)).toMatch(/^level 3 → 6 with rescue \(.*write_file.*Write/);
  });

  it('sim-path succeeds while the record keeps the `path` it sent, repaired by Claude Code', async () => {
    const { record } = await run('sim-path');
    expect(record.level).toBe(6);
    expect(record.protocolErrors.length).toBeGreaterThan(0);
    for (const error of record.protocolErrors) {
      expect(error).toMatchObject({ kind: 'param_name_mismatch', repairedBy: 'claude_code' });
      expect(error.call.input).toHaveProperty('path');
    }
  });

  it('sim-escape writes nothing outside its workspace and the attempts are recorded as refused', async () => {
    const { ctx, record } = await run('sim-escape');
    expect(record.securityEvents.length).toBeGreaterThanOrEqual(2);
    // One target sits next to the workspace (removed with the scratch root), one in /tmp (not).
    expect(record.securityEvents.some((e) => e.target.startsWith('/tmp/sim-escape-'))).toBe(true);
    for (const event of record.securityEvents) {
      expect(event).toMatchObject({ kind: 'write_outside_workspace', tool: 'Write', refused: true });
      expect(await exists(event.target)).toBe(false);
    }
    expect(record.artifacts.containment).toBeDefined();
    expect(await readdir(path.join(ctx.runDir, 'files'))).toEqual(expect.arrayContaining(['lru_cache.py']));
    expect(record.level).toBe(6);
  });

  it('sim-silent times out within the limit and leaves no process behind', async () => {
    const timeoutSec = 4;
    const ctx = await kit.context({
      model: 'sim-silent',
      taskId: 'lru-cache',
      runId: 'sim-silent-timeout',
      timeoutSec,
    });
    const marker = `${runMarkerEnv}=${ctx.runId}-${process.pid}`;
    const seen = new Set<number>();
    let running = true;
    const watcher = (async () => {
      while (running) {
        for (const pid of await findMarkedPids(marker)) seen.add(pid);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const started = performance.now();
    const record = await runAgentOnce(ctx);
    const elapsedSec = (performance.now() - started) / 1000;
    running = false;
    await watcher;
    expect(record).toMatchObject({ status: 'timeout', cause: 'time_limit' });
    expect(record).not.toHaveProperty('level');
    expect(elapsedSec).toBeLessThan(timeoutSec + 8);
    expect(seen.size).toBeGreaterThan(0);
    for (const pid of seen) expect(await isAlive(pid)).toBe(false);
    expect(await findMarkedPids(marker)).toEqual([]);
  });

  it('sim-correct passes all five smoke checks on the FastAPI task', async () => {
    const { record } = await run('sim-correct', { taskId: 'fastapi-smoke' });
    expect(record.level).toBe(6);
    expect(record.smokeChecks).toEqual({
      filesInWorkspace: true,
      pytestRan: true,
      failurePatched: true,
      noTemplateTokens: true,
      noTruncation: true,
    });
  });
});
