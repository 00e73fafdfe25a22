/**
 * Re-measures what the pinned Claude Code's first request needs: one real agent run against the
 * scripted backend, then the first model exchange's input tokens from the proxy's record. Fails
 * when `claudeCodeFirstRequestTokens` has fallen below the measurement (a new Claude Code release
 * with a longer prompt), so the refusal threshold never lags behind the CLI it guards.
 */
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { expect, it } from 'vitest';
import { claudeCodeFirstRequestTokens } from './claude-code-context.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

it('holds the first request of the pinned Claude Code, measured from a real run', async () => {
  const out = await mkdtemp(path.join(os.tmpdir(), 'first-request-'));
  const args = ['--backend', 'sim', '--model', 'sim-correct', '--task', 'lru-cache', '--mode', 'agent'];
  const run = await execa(
    path.join(repoRoot, 'node_modules', '.bin', 'tsx'),
    [path.join(repoRoot, 'harness', 'cli', 'main.ts'), ...args, '--no-fixability', '--out', out],
    { cwd: repoRoot, reject: false, env: { NO_COLOR: '1' }, timeout: 300_000 },
  );
  expect(run.exitCode, run.stderr).toBe(0);
  const [runDir] = await readdir(path.join(out, 'runs'));
  const lines = (await readFile(path.join(out, 'runs', runDir as string, 'exchanges.jsonl'), 'utf8')).split('\n');
  const first = lines
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { kind: string; seq: number; usage: { inputTokens: number | null } | null })
    .filter((exchange) => exchange.kind === 'model')
    .sort((a, b) => a.seq - b.seq)[0];
  const measured = first?.usage?.inputTokens ?? null;
  expect(measured).not.toBeNull();
  expect(claudeCodeFirstRequestTokens).toBeGreaterThanOrEqual(measured as number);
}, 360_000);
