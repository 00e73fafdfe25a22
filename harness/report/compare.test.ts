import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../core/run.ts';
import { metricStats } from '../core/stats.ts';
import { compareReports, hasRegression, noiseThresholdFor, renderComparison } from './compare.ts';
import { sampleEnvironment, sampleReport, sampleRun } from './test-kit/sample-runs.ts';

type RunChange = Parameters<typeof sampleRun>[0];

function single(change: RunChange = {}): RunRecord[] {
  return [sampleRun({ id: 'x', ...change })];
}

describe('compareReports', () => {
  it.each([
    { name: 'a level drop 6 → 5', head: single({ level: 5 }), verdict: 'regression', what: ['level'] },
    { name: 'a level rise 3 → 6', base: single({ level: 3 }), head: single(), verdict: 'improvement', what: ['level'] },
    {
      name: 'completed → timeout',
      head: single({ status: 'timeout' }),
      verdict: 'regression',
      what: ['status'],
    },
    {
      name: 'completed → infra error',
      head: single({ status: 'infra_error' }),
      verdict: 'regression',
      what: ['status'],
    },
    {
      name: 'timeout → completed',
      base: single({ status: 'timeout' }),
      head: single(),
      verdict: 'improvement',
      what: ['status'],
    },
    {
      name: 'fewer reference tests passing',
      head: single({ tests: { model: { passed: 5, total: 5 }, reference: { passed: 4, total: 6 } } }),
      verdict: 'regression',
      what: ['reference_tests'],
    },
    {
      name: 'more model tests passing',
      base: single({ tests: { model: { passed: 3, total: 5 }, reference: { passed: 6, total: 6 } } }),
      head: single(),
      verdict: 'improvement',
      what: ['model_tests'],
    },
    // sample TTFT is 270 ms: +20 % is beyond the default ±10 %, +5 % within it
    {
      name: 'TTFT +20 % beyond the threshold',
      head: single({ metrics: { ttftMs: 324 } }),
      verdict: 'regression',
      what: ['ttft'],
    },
    {
      name: 'TTFT +5 % within the threshold',
      head: single({ metrics: { ttftMs: 283.5 } }),
      verdict: 'unchanged',
      what: [],
    },
    { name: 'TTFT −30 %', head: single({ metrics: { ttftMs: 189 } }), verdict: 'improvement', what: ['ttft'] },
    // sample decode is 96.9 tok/s
    {
      name: 'decode −15 %',
      head: single({ metrics: { decodeTokensPerSec: 82.4 } }),
      verdict: 'regression',
      what: ['decode'],
    },
    { name: 'decode +9 %', head: single({ metrics: { decodeTokensPerSec: 105.6 } }), verdict: 'unchanged', what: [] },
    {
      name: 'a faster but lower-level run is still a regression',
      head: single({ level: 4, metrics: { decodeTokensPerSec: 150 } }),
      verdict: 'regression',
      what: ['level', 'decode'],
    },
  ])('$name → $verdict', ({ base, head, verdict, what }) => {
    const c = compareReports(sampleReport(base ?? single()), sampleReport(head));
    expect(c.entries).toHaveLength(1);
    expect(c.entries[0]?.verdict).toBe(verdict);
    expect(c.entries[0]?.reasons.map((r) => r.what)).toEqual(what);
    expect(hasRegression(c)).toBe(verdict === 'regression');
  });

  it('says what changed in words', () => {
    const c = compareReports(sampleReport(single()), sampleReport(single({ level: 3, metrics: { ttftMs: 540 } })));
    expect(c.entries[0]?.reasons.map((r) => r.text)).toEqual([
      'level 6 (success) → 3 (tool name mismatch)',
      'TTFT 0.27s → 0.54s (+100%, noise ±10%)',
    ]);
  });

  it('widens the noise threshold to the repeats’ spread when both sides ran at least twice', () => {
    const runs = (ttfts: number[]) =>
      ttfts.map((ttftMs, i) => sampleRun({ id: `r${i}`, attempt: i + 1, metrics: { ttftMs } }));
    // base: median 1500, σ 500 → 2σ/median = 0.667; head median 1900 is +26.7 %: noise
    const c = compareReports(sampleReport(runs([1000, 1500, 2000])), sampleReport(runs([1800, 1900, 2000])));
    expect(c.entries[0]?.ttft?.threshold).toBeCloseTo(2 / 3, 5);
    expect(c.entries[0]?.verdict).toBe('unchanged');
    // tight repeats keep the default: +26.7 % is real
    const tight = compareReports(sampleReport(runs([1490, 1500, 1510])), sampleReport(runs([1890, 1900, 1910])));
    expect(tight.entries[0]?.ttft?.threshold).toBe(0.1);
    expect(tight.entries[0]?.verdict).toBe('regression');
  });

  it('uses the fixed threshold given in the options when there are no repeats', () => {
    const c = compareReports(sampleReport(single()), sampleReport(single({ metrics: { ttftMs: 324 } })), {
      noiseThreshold: 0.3,
    });
    expect(c.entries[0]?.verdict).toBe('unchanged');
    expect(c.noiseThreshold).toBe(0.3);
  });

  it('marks groups found on one side only as new or missing, and puts regressions first', () => {
    const base = sampleReport([
      sampleRun({ id: 'a', model: 'a-model' }),
      sampleRun({ id: 'b', model: 'b-model' }),
      sampleRun({ id: 'gone', model: 'c-model' }),
    ]);
    const head = sampleReport([
      sampleRun({ id: 'a', model: 'a-model' }),
      sampleRun({ id: 'b', model: 'b-model', level: 2 }),
      sampleRun({ id: 'added', model: 'd-model', mode: 'agent' }),
    ]);
    const c = compareReports(base, head);
    expect(c.entries.map((e) => [e.model, e.verdict])).toEqual([
      ['b-model', 'regression'],
      ['d-model', 'new'],
      ['c-model', 'missing'],
      ['a-model', 'unchanged'],
    ]);
    expect(c.counts).toEqual({
      regression: 1,
      claude_code_change: 0,
      improvement: 0,
      unchanged: 1,
      new: 1,
      missing: 1,
    });
  });

  it('warns about scripted data, different settings and different hosts', () => {
    const base = sampleReport(single());
    const head = { ...sampleReport(single()), scripted: false, environment: sampleEnvironment({ host: 'mac-studio' }) };
    head.settings = { ...head.settings, settingsHash: 'other' };
    const warnings = compareReports(base, head).warnings;
    expect(warnings[0]).toMatch(/^Scripted backend: the base report comes/);
    expect(warnings.some((w) => w.startsWith('Settings differ (hash sample-hash vs other)'))).toBe(true);
    expect(warnings.some((w) => w.startsWith('Different hosts (ci-runner-1 vs mac-studio)'))).toBe(true);
  });
});

describe('compareReports across Claude Code releases', () => {
  const agent = (claudeCode: string, change: RunChange = {}): RunRecord =>
    sampleRun({ id: `m__lru-cache__agent__cc${claudeCode}__a1`, model: 'm', mode: 'agent', claudeCode, ...change });
  const writeWithPath = (repairedBy: 'claude_code' | null) => ({
    kind: 'param_name_mismatch' as const,
    call: { name: 'Write', input: { path: '/ws/lru_cache.py', content: 'x' } },
    repairedBy,
  });
  const verdicts = (c: ReturnType<typeof compareReports>) =>
    c.entries.map((e) => [e.claudeCode, e.verdict, e.verdict === 'claude_code_change' ? e.release : null]);

  it('pairs the group whose only difference is the release and reports the change as such, not as a regression', () => {
    const base = sampleReport([agent('2.1.328'), agent('2.1.330')]);
    const head = sampleReport([agent('2.1.328'), agent('2.1.332', { level: 4 })]);
    const c = compareReports(base, head);
    expect(verdicts(c)).toEqual([
      ['2.1.332', 'claude_code_change', { base: '2.1.330', head: '2.1.332' }],
      ['2.1.328', 'unchanged', null],
    ]);
    expect(c.entries[0]?.reasons.map((r) => [r.direction, r.text])).toEqual([
      ['worse', 'level 6 (success) → 4 (parameter name mismatch)'],
    ]);
    expect(hasRegression(c)).toBe(false);
    expect(c.counts).toMatchObject({ regression: 0, claude_code_change: 1, unchanged: 1, new: 0, missing: 0 });
    const md = renderComparison(c, 'md');
    expect(md).toContain('Claude Code 2.1.330 → 2.1.332: level 6 (success) → 4 (parameter name mismatch)');
    expect(md).toContain('0 regression(s), 1 Claude Code change(s) (not regressions: the CLI release moved)');
  });

  it('still regresses on a level drop under the same release while another release moves', () => {
    const base = sampleReport([agent('2.1.328'), agent('2.1.330')]);
    const head = sampleReport([agent('2.1.328', { level: 5 }), agent('2.1.332')]);
    const c = compareReports(base, head);
    expect(verdicts(c)).toEqual([
      ['2.1.328', 'regression', null],
      ['2.1.332', 'claude_code_change', { base: '2.1.330', head: '2.1.332' }],
    ]);
    expect(hasRegression(c)).toBe(true);
  });

  it('explains the change from the runs’ protocol errors', () => {
    const base = sampleReport([agent('2.1.85', { level: 4, protocolErrors: [writeWithPath(null)] })]);
    const head = sampleReport([agent('2.1.328', { protocolErrors: [writeWithPath('claude_code')] })]);
    const entry = compareReports(base, head).entries[0];
    expect(entry?.verdict === 'claude_code_change' && entry.explanation).toBe(
      'under 2.1.85 `Write` with `path`, `content` was refused (param_name_mismatch, not repaired); ' +
        'under 2.1.328 the CLI repaired it (param_name_mismatch, repaired by claude_code)',
    );
  });

  it('pairs newest with newest when both pinned and latest moved to one release', () => {
    const base = sampleReport([agent('2.1.328'), agent('2.1.330')]);
    const head = sampleReport([agent('2.1.332')]);
    expect(verdicts(compareReports(base, head))).toEqual([
      ['2.1.332', 'claude_code_change', { base: '2.1.330', head: '2.1.332' }],
      ['2.1.328', 'missing', null],
    ]);
  });

  it.each<[string, RunChange]>([
    ['another task', { task: 'fastapi-smoke' }],
    ['the rescue on', { rescue: true }],
    ['another model', { model: 'other' }],
  ])('does not pair groups that also differ in %s', (_what, change) => {
    const c = compareReports(sampleReport([agent('2.1.330')]), sampleReport([agent('2.1.332', change)]));
    expect(c.entries.map((e) => e.verdict).sort()).toEqual(['missing', 'new']);
  });
});

describe('noiseThresholdFor', () => {
  it.each([
    { base: [100], head: [100, 200], expected: 0.1 },
    { base: [100, 100], head: [100, 100], expected: 0.1 },
    // head σ = 70.71, median 150 → 0.943
    { base: [100, 100], head: [100, 200], expected: (2 * Math.sqrt(5000)) / 150 },
  ])('base $base, head $head → $expected', ({ base, head, expected }) => {
    expect(noiseThresholdFor(metricStats(base), metricStats(head), 0.1)).toBeCloseTo(expected, 6);
  });
});

describe('renderComparison', () => {
  const c = compareReports(sampleReport(single()), sampleReport(single({ level: 5, metrics: { ttftMs: 540 } })));

  it('renders Markdown with the scripted warning, counts and one row per group', () => {
    const md = renderComparison(c, 'md');
    expect(md).toContain(
      '> **Scripted backend: both reports come from the built-in scripted model server, not from a real model.**',
    );
    expect(md).toContain('1 regression(s), 0 improvement(s)');
    expect(md).toContain('| regression | sim-correct | lru-cache | raw | 6 → 5 | 6/6 | 0.27s → 0.54s | 96.9 |');
  });

  it('renders a terminal table without colour codes', () => {
    const table = renderComparison(c, 'table');
    expect(table).toContain('regression');
    expect(table).toContain('6 → 5');
    expect(table).not.toContain('\u001b[');
  });

  it('renders JSON that reads back to the same comparison', () => {
    expect(JSON.parse(renderComparison(c, 'json'))).toEqual(c);
  });
});
