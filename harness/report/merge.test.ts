import { describe, expect, it } from 'vitest';
import { isHarnessError } from '../core/errors.ts';
import { mergeReports } from './merge.ts';
import { summarise } from './summarise.ts';
import { sampleEnvironment, sampleReport, sampleRun } from './test-kit/sample-runs.ts';
import type { BenchReport } from './types.ts';
import { reportSchemaError } from './validate.ts';

function shard(
  host: string,
  model: string,
  change: Partial<BenchReport> = {},
  runIds = ['shared-id', `${model}-own`],
): BenchReport {
  const runs = runIds.map((id, i) => sampleRun({ id, model, mode: i === 0 ? 'raw' : 'agent' }));
  return sampleReport(runs, { environment: sampleEnvironment({ host }), ...change });
}

describe('mergeReports', () => {
  const first = shard('runner-a', 'gemma4:26b', {
    startedAt: '2026-04-07T10:00:00.000Z',
    finishedAt: '2026-04-07T11:00:00.000Z',
  });
  const second = shard('runner-b', 'qwen3-coder:30b', {
    scripted: false,
    startedAt: '2026-04-07T09:30:00.000Z',
    finishedAt: '2026-04-07T10:45:00.000Z',
  });
  const merged = mergeReports([first, second]);

  it('concatenates runs and keeps their ids unique', () => {
    expect(merged.runs.map((r) => [r.id, r.model])).toEqual([
      ['shared-id', 'gemma4:26b'],
      ['gemma4:26b-own', 'gemma4:26b'],
      ['shared-id@shard2', 'qwen3-coder:30b'],
      ['qwen3-coder:30b-own', 'qwen3-coder:30b'],
    ]);
  });

  it('keeps every Claude Code release of the shards that ran on one host', () => {
    const release = (version: string) => ({ version, path: `/c/${version}/claude`, unsupported: [] });
    const onMac = (model: string, versions: string[]) =>
      shard('mac', model, { environment: sampleEnvironment({ host: 'mac', claudeCode: versions.map(release) }) });
    const night = mergeReports([onMac('a', ['2.1.328', '2.1.330']), onMac('b', ['2.1.328', '2.1.332'])]);
    expect(night.hosts?.map((h) => [h.host, h.claudeCode.map((c) => c.version)])).toEqual([
      ['mac', ['2.1.328', '2.1.330', '2.1.332']],
    ]);
    expect(night.environment.claudeCode.map((c) => c.version)).toEqual(['2.1.328', '2.1.330', '2.1.332']);
    expect(reportSchemaError(night)).toBeNull();
  });

  it('lists one environment per host and unites the models', () => {
    expect(merged.hosts?.map((h) => h.host)).toEqual(['runner-a', 'runner-b']);
    expect(merged.settings.models).toEqual(['gemma4:26b', 'qwen3-coder:30b']);
    expect(merged.settings.shards).toBeUndefined();
  });

  it('takes the earliest start, the latest finish, and is scripted when any shard was', () => {
    expect(merged.startedAt).toBe('2026-04-07T09:30:00.000Z');
    expect(merged.finishedAt).toBe('2026-04-07T11:00:00.000Z');
    expect(merged.scripted).toBe(true);
    expect(mergeReports([{ ...first, scripted: false }, second]).scripted).toBe(false);
  });

  it('recomputes the summary over all runs and stays valid against the schema', () => {
    expect(merged.summary).toEqual(summarise(merged.runs));
    expect(merged.summary.map((s) => `${s.model}/${s.mode}`)).toEqual([
      'gemma4:26b/raw',
      'gemma4:26b/agent',
      'qwen3-coder:30b/raw',
      'qwen3-coder:30b/agent',
    ]);
    expect(reportSchemaError(merged)).toBeNull();
  });

  it('keeps the first shard’s value of a conflicting setting and lists every shard’s under settings.shards', () => {
    const other = shard('runner-b', 'qwen3-coder:30b');
    other.settings = { ...other.settings, numCtx: 65536, settingsHash: 'hash-b' };
    const conflicted = mergeReports([first, other]);
    expect(conflicted.settings.numCtx).toBe(32768);
    expect(conflicted.settings.settingsHash).toBe('sample-hash+hash-b');
    expect(conflicted.settings.shards).toEqual([
      { host: 'runner-a', settingsHash: 'sample-hash', conflicts: { numCtx: 32768 } },
      { host: 'runner-b', settingsHash: 'hash-b', conflicts: { numCtx: 65536 } },
    ]);
    expect(reportSchemaError(conflicted)).toBeNull();
  });

  it('renames a rerun link together with the run it points to', () => {
    const withRerun = (model: string): BenchReport => {
      const failing = sampleRun({
        id: 'run-1',
        model,
        mode: 'agent',
        level: 3,
        fixability: {
          state: 'measured',
          method: 'rescue',
          changes: ['write_file → Write'],
          after: {
            status: 'completed',
            level: 6,
            tests: { model: { passed: 5, total: 5 }, reference: { passed: 14, total: 14 } },
          },
          rerunId: 'run-1-rescue',
        },
      });
      const rerun = sampleRun({ id: 'run-1-rescue', model, mode: 'agent', rescue: true });
      return sampleReport([failing, rerun]);
    };
    const joined = mergeReports([withRerun('a'), withRerun('b')]);
    const secondFailing = joined.runs[2];
    expect(secondFailing?.id).toBe('run-1@shard2');
    const fixability = secondFailing?.status === 'completed' ? secondFailing.fixability : null;
    expect(fixability?.state === 'measured' ? fixability.rerunId : null).toBe('run-1-rescue@shard2');
    expect(joined.runs.map((r) => r.id)).toContain('run-1-rescue@shard2');
  });

  it('flattens the hosts of an already merged report', () => {
    const third = shard('runner-c', 'glm-4.7-flash', {}, ['glm-run']);
    expect(mergeReports([merged, third]).hosts?.map((h) => h.host)).toEqual(['runner-a', 'runner-b', 'runner-c']);
  });

  it('refuses an empty list', () => {
    let caught: unknown;
    try {
      mergeReports([]);
    } catch (error) {
      caught = error;
    }
    expect(isHarnessError(caught) && caught.code).toBe('USAGE');
  });
});
