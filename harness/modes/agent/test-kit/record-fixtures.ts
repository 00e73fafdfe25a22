/**
 * Re-records fixtures/agent/*.json: the evidence of real Claude Code runs against the sim
 * personas, which the pure classifier and smoke-check tests read, plus the trimmed proxy records
 * and CLI stream of two runs (fixtures/claude-code/) for the evidence-collection test, and the
 * whole proxy records of one run for the exchange-log test. Run it when the pinned Claude Code
 * version moves:
 *
 *   pnpm exec tsx harness/modes/agent/test-kit/record-fixtures.ts
 */
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExchangeRecord } from '../../../core/exchange.ts';
import { encodeExchangeLog, readExchanges } from '../../../core/exchange-log.ts';
import type { MessageParam } from '../../../core/messages.ts';
import { outcomeText } from '../../progress.ts';
import { runAgentOnce } from '../run-agent.ts';
import { startAgentKit } from './e2e-kit.ts';

/** Runs whose proxy records and CLI stream are also kept (fixtures/claude-code/<name>.*.jsonl). */
const rawRecordRuns: readonly string[] = ['sim-write-file-lru', 'sim-path-lru'];
/** Runs whose proxy records are kept whole, as the run wrote them (<name>.full.exchanges.jsonl). */
const fullRecordRuns: readonly string[] = ['sim-correct-lru'];

/**
 * An exchange record cut down for a fixture: the request keeps only the offered tool names and
 * the tool_result blocks (the ~50 KB system prompt and schemas go); everything else is as recorded.
 */
export function trimExchange(record: ExchangeRecord): ExchangeRecord {
  const body = record.request.body as { tools?: Array<{ name: string }>; messages?: MessageParam[] };
  const messages = (body.messages ?? [])
    .map((m) => ({
      role: m.role,
      content: Array.isArray(m.content) ? m.content.filter((b) => b.type === 'tool_result') : [],
    }))
    .filter((m) => m.content.length > 0);
  return {
    ...record,
    request: {
      path: record.request.path,
      headers: {},
      body: { tools: (body.tools ?? []).map((t) => ({ name: t.name })), messages },
    },
  };
}

/** persona, task, rescue → fixture name. */
export const fixtureRuns: ReadonlyArray<{ model: string; taskId: string; rescue: boolean; name: string }> = [
  { model: 'sim-correct', taskId: 'lru-cache', rescue: false, name: 'sim-correct-lru' },
  { model: 'sim-typo', taskId: 'lru-cache', rescue: false, name: 'sim-typo-lru' },
  { model: 'sim-memory', taskId: 'lru-cache', rescue: false, name: 'sim-memory-lru' },
  { model: 'sim-websearch', taskId: 'lru-cache', rescue: false, name: 'sim-websearch-lru' },
  { model: 'sim-write-file', taskId: 'lru-cache', rescue: false, name: 'sim-write-file-lru' },
  { model: 'sim-write-file', taskId: 'lru-cache', rescue: true, name: 'sim-write-file-lru-rescued' },
  { model: 'sim-filename', taskId: 'lru-cache', rescue: false, name: 'sim-filename-lru' },
  { model: 'sim-filename', taskId: 'lru-cache', rescue: true, name: 'sim-filename-lru-rescued' },
  { model: 'sim-path', taskId: 'lru-cache', rescue: false, name: 'sim-path-lru' },
  { model: 'sim-escape', taskId: 'lru-cache', rescue: false, name: 'sim-escape-lru' },
  { model: 'sim-leak', taskId: 'lru-cache', rescue: false, name: 'sim-leak-lru' },
  { model: 'sim-prose', taskId: 'lru-cache', rescue: false, name: 'sim-prose-lru' },
  { model: 'sim-correct', taskId: 'fastapi-smoke', rescue: false, name: 'sim-correct-fastapi' },
  { model: 'sim-patch', taskId: 'fastapi-smoke', rescue: false, name: 'sim-patch-fastapi' },
  { model: 'sim-typo', taskId: 'fastapi-smoke', rescue: false, name: 'sim-typo-fastapi' },
];

/** Run every fixture persona and copy its evidence.json into `outDir`. */
export async function recordAgentFixtures(outDir: string, rawDir: string): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  await mkdir(rawDir, { recursive: true });
  const kit = await startAgentKit();
  const written: string[] = [];
  try {
    for (const run of fixtureRuns) {
      const ctx = await kit.context({
        model: run.model,
        taskId: run.taskId,
        runId: run.name,
        rescue: run.rescue,
        timeoutSec: 120,
      });
      const record = await runAgentOnce(ctx);
      const target = path.join(outDir, `${run.name}.json`);
      await copyFile(path.join(ctx.runDir, 'evidence.json'), target);
      if (rawRecordRuns.includes(run.name)) {
        const records = await readExchanges(path.join(ctx.runDir, 'exchanges.jsonl'));
        await writeFile(path.join(rawDir, `${run.name}.exchanges.jsonl`), encodeExchangeLog(records.map(trimExchange)));
        await copyFile(path.join(ctx.runDir, 'claude-stream.jsonl'), path.join(rawDir, `${run.name}.stream.jsonl`));
      }
      if (fullRecordRuns.includes(run.name))
        await copyFile(path.join(ctx.runDir, 'exchanges.jsonl'), path.join(rawDir, `${run.name}.full.exchanges.jsonl`));
      written.push(`${run.name}: ${outcomeText(record)}`);
    }
  } finally {
    await kit.close();
  }
  return written;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const outDir = fileURLToPath(new URL('../../../../fixtures/agent/', import.meta.url));
  const rawDir = fileURLToPath(new URL('../../../../fixtures/claude-code/', import.meta.url));
  for (const line of await recordAgentFixtures(outDir, rawDir)) process.stdout.write(`${line}\n`);
}
