import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mergeReports } from '../report/merge.ts';
import type { BenchReport } from '../report/types.ts';
import { validateReport } from '../report/validate.ts';
import { nightBundle } from './from-report.ts';
import { fixturePlan } from './test-kit/plans.ts';
import { syntheticNight } from './test-kit/synthetic-history.ts';

const sampleFile = fileURLToPath(new URL('../../fixtures/reports/sample-report.fixture.json', import.meta.url));
const meta = (id: string) => ({
  id,
  source: 'test',
  schemaVersion: 1,
  paths: { reportMd: `nights/${id}/report.md`, runsScript: `nights/${id}/runs.js` },
});

describe('a night from a v1 report', () => {
  it('keeps every group of the summary with its modal level, pass@k and median timings', async () => {
    const report = validateReport(await readFile(sampleFile, 'utf8'), 'sample');
    const { night, runs, reportMarkdown } = nightBundle(report, null, meta('2026-04-07'));
    expect(night.groups).toHaveLength(report.summary.length);
    for (const [i, summary] of report.summary.entries()) {
      const group = night.groups[i];
      expect(group).toMatchObject({ model: summary.model, task: summary.task, mode: summary.mode });
      expect(group?.level).toBe(summary.modalStatus === 'completed' ? summary.modalLevel : null);
      expect(group?.passAtK).toBe(summary.passAtK);
      expect(group?.decode.median).toBe(summary.metrics.decodeTokensPerSec.median);
      expect(group?.ttft.median).toBe(summary.metrics.ttftMs.median);
    }
    expect(night.contexts.map((c) => [c.model, c.host, c.claudeCode])).toEqual(
      [...new Set(report.summary.map((s) => s.model))].map((m) => [m, 'ci-runner-1', '2.1.328']),
    );
    expect(runs.map((r) => r.id)).toEqual(report.runs.map((r) => r.id));
    expect(reportMarkdown).toMatch(/^# Bench report — /);
    expect(night.regressions).toEqual([]);
  });

  it('says what a failed group measured about fixing it, and nothing for a group that worked', async () => {
    const report = validateReport(await readFile(sampleFile, 'utf8'), 'sample');
    const { night } = nightBundle(report, null, meta('n'));
    const typo = night.groups.find((g) => g.model === 'sim-typo' && g.task === 'lru-cache' && g.mode === 'agent');
    expect(typo?.fixable).toBe('level 5 → 6 with repair');
    expect(night.groups.filter((g) => g.level === 6).every((g) => g.fixable === null)).toBe(true);
  });

  it('reads the evidence, protocol errors and error of each run', async () => {
    const report = validateReport(await readFile(sampleFile, 'utf8'), 'sample');
    const { runs } = nightBundle(report, null, meta('n'));
    for (const [i, run] of report.runs.entries()) {
      expect(runs[i]?.evidence.map((e) => e.quote)).toEqual(run.evidence.map((e) => e.quote));
      expect(runs[i]?.protocolErrors.map((p) => p.tool)).toEqual(run.protocolErrors.map((p) => p.call.name));
      expect(runs[i]?.error?.message ?? null).toBe(run.status === 'completed' ? null : run.message);
    }
  });
});

describe('a merged night', () => {
  it('gives each model the host and Claude Code of the shard that ran it', () => {
    const night = syntheticNight(fixturePlan, 3);
    const shard = (model: string, host: string, claudeCode: string): BenchReport => ({
      ...night,
      environment: {
        ...night.environment,
        host,
        models: Object.fromEntries(Object.entries(night.environment.models).filter(([name]) => name === model)),
        claudeCode: [{ version: claudeCode, path: 'claude', unsupported: [] }],
      },
      settings: { ...night.settings, models: [model] },
      runs: night.runs.filter((r) => r.model === model).map((r) => (r.mode === 'agent' ? { ...r, claudeCode } : r)),
      summary: night.summary.filter((s) => s.model === model),
    });
    const merged = mergeReports([shard('gemma4:26b', 'mac-a', '2.1.300'), shard('glm-4.7-flash', 'mac-b', '2.1.328')]);
    const { night: view, runs } = nightBundle(merged, null, meta('m'));
    expect(view.hosts).toEqual(['mac-a', 'mac-b']);
    expect(view.contexts.map((c) => [c.model, c.host, c.claudeCode])).toEqual([
      ['gemma4:26b', 'mac-a', '2.1.300'],
      ['glm-4.7-flash', 'mac-b', '2.1.328'],
    ]);
    // Agent runs carry the release they used; raw runs use none.
    const glm = runs.filter((r) => r.model === 'glm-4.7-flash');
    expect(new Set(glm.filter((r) => r.mode === 'agent').map((r) => r.claudeCode))).toEqual(new Set(['2.1.328']));
    expect(new Set(glm.filter((r) => r.mode === 'raw').map((r) => r.claudeCode))).toEqual(new Set([null]));
  });
});

describe('regressions against the night before', () => {
  it('are the groups the compare step would flag, with its worse reasons', () => {
    const before = syntheticNight(fixturePlan, 23);
    const planted = syntheticNight(fixturePlan, 24);
    const { night } = nightBundle(planted, before, meta('p'));
    expect(night.regressions).toEqual([
      {
        model: 'qwen3-coder:30b',
        task: 'lru-cache',
        mode: 'agent',
        rescue: false,
        claudeCode: planted.runs.find((r) => r.mode === 'agent')?.claudeCode,
        reasons: [
          'level 6 (success) → 3 (tool name mismatch)',
          'reference tests passed 14/14 → 0/14',
          'model tests passed 5/5 → 0/5',
        ],
      },
    ]);
    expect(nightBundle(syntheticNight(fixturePlan, 25), planted, meta('q')).night.regressions).toEqual([]);
  });
});
