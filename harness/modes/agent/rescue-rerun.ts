/** The agent run again with the proxy's rescue on, to measure whether the rescue fixes it. */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { RewriteRecord } from '../../core/exchange.ts';
import type { RunContext } from '../context.ts';
import type { RescueRerun } from '../fixability.ts';
import { rel } from '../run-record.ts';
import { runAgentAttempt } from './agent-attempt.ts';
import type { ToolNameMapper } from './collect-evidence.ts';

/** The proxy session id of a run's rescued rerun (session ids are at most 128 URL-safe chars). */
export function rescueRerunId(runId: string): string {
  const suffix = '__rescue-rerun';
  if (runId.length + suffix.length <= 128) return `${runId}${suffix}`;
  const digest = createHash('sha256').update(runId).digest('hex').slice(0, 8);
  return `${runId.slice(0, 128 - suffix.length - 9)}-${digest}${suffix}`;
}

/** "write_file → Write", "filename → file_path": the rescue's rewrites of the model's calls. */
export function describeRewrite(rewrite: RewriteRecord): string {
  const show = (value: unknown): string => (typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));
  return `${show(rewrite.before)} → ${show(rewrite.after)}`.slice(0, 160);
}

const modelRewriteKinds: ReadonlySet<RewriteRecord['kind']> = new Set(['tool_name', 'param_name']);

/** Rerun with the rescue on; the rerun's own artifacts go under <runDir>/rescue/. */
export async function rerunRescued(ctx: RunContext, mapToolName: ToolNameMapper): Promise<RescueRerun> {
  const rerunId = rescueRerunId(ctx.runId);
  const runDir = path.join(ctx.runDir, 'rescue');
  const rerun = await runAgentAttempt(ctx, { sessionId: rerunId, rescue: true, runDir, mapToolName });
  const rewrites = rerun.rewrites
    .filter((r) => r.where === 'response' && !['strip_field', 'strip_header'].includes(r.kind))
    .filter((r, i, all) => modelRewriteKinds.has(r.kind) || all.findIndex((o) => o.kind === r.kind) === i);
  return {
    rerunId,
    outcome:
      rerun.status === 'completed'
        ? { status: 'completed', level: rerun.classification.level, tests: rerun.grade.tests }
        : { status: rerun.status, message: rerun.message },
    rewrites: [...new Set(rewrites.map(describeRewrite))],
    artifacts: { rescueRerun: rel(ctx, runDir) },
  };
}
