import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderMarkdown, scriptedBanner } from './markdown.ts';
import { sampleEnvironment, sampleReport, sampleRun } from './test-kit/sample-runs.ts';
import type { BenchReport } from './types.ts';
import { validateReport } from './validate.ts';

const fixture = validateReport(
  readFileSync(fileURLToPath(new URL('../../fixtures/reports/sample-report.fixture.json', import.meta.url)), 'utf8'),
  'fixture',
);

/** The rows (cells split on unescaped pipes) of the first table under `## heading`. */
function tableUnder(md: string, heading: string): string[][] {
  const start = md.indexOf(`## ${heading}\n`);
  if (start < 0) throw new Error(`no section ${heading}`);
  const rest = md.slice(start).split('\n').slice(1);
  const first = rest.findIndex((line) => line.startsWith('|'));
  const lines: string[] = [];
  for (const line of rest.slice(first)) {
    if (!line.startsWith('|')) break;
    lines.push(line);
  }
  return lines
    .filter((_, i) => i !== 1)
    .map((line) =>
      line
        .slice(2, -2)
        .split(/ (?<!\\)\| /)
        .map((cell) => cell.trim()),
    );
}

function rowFor(rows: string[][], first: string): string[] {
  const row = rows.find((r) => r[0] === first);
  if (row === undefined) throw new Error(`no row ${first} in ${JSON.stringify(rows)}`);
  return row;
}

describe('renderMarkdown', () => {
  const md = renderMarkdown(fixture);

  it('opens with the scripted banner when any run used the scripted backend', () => {
    expect(md.split('\n').slice(0, 3)).toContain(scriptedBanner);
    const real: BenchReport = { ...sampleReport([sampleRun()]), scripted: false };
    expect(renderMarkdown(real)).not.toContain('Scripted backend');
  });

  it('shapes the raw table like the experiment: tok/s 1 decimal, TTFT in seconds with 2 decimals', () => {
    const rows = tableUnder(md, 'Raw generation');
    expect(rows[0]).toEqual(['Model', 'Decode tok/s', 'TTFT', 'Total', 'Tests', 'Reference tests', 'Level']);
    expect(rowFor(rows, 'sim-typo · lru-cache')).toEqual([
      'sim-typo · lru-cache',
      '77.0',
      '1.44s',
      '33s',
      '5/5',
      '6/6',
      '6 success',
    ]);
    expect(rowFor(rows, 'sim-slow · lru-cache')[6]).toBe('timeout · time limit');
    expect(rowFor(rows, 'sim-slow · lru-cache')[2]).toBe('42.60s');
  });

  it('marks Code FAIL and quotes the deciding evidence for an agent run that wrote no file', () => {
    const rows = tableUnder(md, 'Claude Code agent');
    expect(rows[0]).toEqual(['Model', 'Time', 'Code', 'Tests', 'Reference tests', 'Failure mode', 'Level']);
    const wrongTool = rowFor(rows, 'sim-wrong-tool · lru-cache');
    expect(wrongTool.slice(1, 5)).toEqual(['193s', 'FAIL', '0/0', '0/0']);
    expect(wrongTool[5]).toMatch(/^tool name mismatch — “\{"name":"write_file"/);
    expect(rowFor(rows, 'sim-typo · lru-cache').slice(2, 3)).toEqual(['OK']);
    expect(rowFor(rows, 'sim-correct · lru-cache')[5]).toBe('none');
  });

  it('marks Code FAIL when no implementation file was recorded, even though reference tests were counted', () => {
    const run = sampleRun({
      id: 'sim-memory__lru-cache__agent__a1',
      model: 'sim-memory',
      mode: 'agent',
      level: 1,
      artifacts: {},
      tests: { model: { passed: 0, total: 0 }, reference: { passed: 0, total: 14 } },
    });
    const rows = tableUnder(renderMarkdown(sampleReport([run])), 'Claude Code agent');
    expect(rowFor(rows, 'sim-memory')[2]).toBe('FAIL');
  });

  it('lists the taxonomy worst level first with the measured fixability', () => {
    const rows = tableUnder(md, 'Failure taxonomy');
    expect(rows[0]).toEqual(['Level', 'Model', 'What happened', 'Fixable (as measured)']);
    expect(rows[1]?.[0]).toBe('3 · tool name');
    expect(rows[1]?.[3]).toBe('level 3 → 6 with rescue');
    expect(rowFor(rows, '5 · tests fail')[3]).toBe('level 5 → 6 with repair');
    expect(rows.some((r) => r[0]?.startsWith('6'))).toBe(false);
    // Runs without a level come last, named by their cause, never with a fixability.
    expect(rows.slice(-2).map((r) => [r[0], r[1], r[3]])).toEqual([
      ['timeout · time limit', 'sim-slow · lru-cache · raw', 'not the model’s'],
      ['infra · backend error', 'sim-slow · lru-cache · agent', 'not the model’s'],
    ]);
  });

  it('states raw vs agent per model', () => {
    const rows = tableUnder(md, 'Raw vs agent');
    expect(rows.find((r) => r[0] === 'sim-wrong-tool')?.[2]).toBe('works raw, fails as agent at level 3');
    expect(rows.find((r) => r[0] === 'sim-correct' && r[1] === 'lru-cache')?.[2]).toBe('works raw and as agent');
  });

  it('prints the FastAPI smoke checklist with five ✓/✗ columns', () => {
    const failing = sampleRun({
      id: 'smoke',
      task: 'fastapi-smoke',
      mode: 'agent',
      smokeChecks: {
        filesInWorkspace: true,
        pytestRan: true,
        failurePatched: false,
        noTemplateTokens: true,
        noTruncation: false,
      },
    });
    const rows = tableUnder(renderMarkdown(sampleReport([failing])), 'FastAPI smoke checklist');
    expect(rows[1]).toEqual(['sim-correct', '✓', '✓', '✗', '✓', '✗']);
  });

  it('lists timeouts and infra errors apart, without a level', () => {
    const rows = tableUnder(md, 'Timeouts and infrastructure errors');
    expect(rows.slice(1).map((r) => [r[0], r[1], r[3]])).toEqual([
      ['sim-slow · lru-cache · raw', 'timeout', 'time limit'],
      ['sim-slow · lru-cache · agent', 'infra error', 'backend error'],
    ]);
  });

  it('folds each run’s evidence into a details block with the quote fenced', () => {
    expect(md).toContain('<details><summary>sim-wrong-tool · lru-cache · agent — 3 tool name mismatch</summary>');
    expect(md).toContain('```\n<tool_use_error>Error: No such tool available: write_file</tool_use_error>\n```');
    expect(md.match(/<details>/g)).toHaveLength(fixture.runs.length);
    expect(md.match(/<\/details>/g)).toHaveLength(fixture.runs.length);
  });

  it('references the charts by relative path', () => {
    expect(md).toContain('![Decode tok/s](charts/decode.svg)');
    expect(md).toContain('![TTFT](charts/ttft.svg)');
    expect(md).toContain('![Levels](charts/levels.svg)');
  });

  it('shows the repeats table with median, p95, stddev and pass@k only when runs repeat', () => {
    expect(md).not.toContain('## Repeated runs');
    const runs = [
      sampleRun({ id: 'a1', attempt: 1, metrics: { ttftMs: 1000, decodeTokensPerSec: 50 } }),
      sampleRun({ id: 'a2', attempt: 2, level: 3, metrics: { ttftMs: 2000, decodeTokensPerSec: 60 } }),
      sampleRun({ id: 'a3', attempt: 3, metrics: { ttftMs: 3000, decodeTokensPerSec: 70 } }),
    ];
    const rows = tableUnder(renderMarkdown(sampleReport(runs)), 'Repeated runs');
    // TTFT 1, 2, 3 s: median 2.00, p95 2.90, σ 1.00; tok/s 50, 60, 70: median 60.0, p95 69.0, σ 10.0;
    // total is the sample's 14 s each time
    expect(rows[1]).toEqual([
      'sim-correct',
      'lru-cache',
      'raw',
      '3',
      '67%',
      '1',
      '6',
      '2.00s / 2.90s / 1.00s',
      '60.0 / 69.0 / 10.0',
      '14s',
    ]);
  });

  it('escapes pipes and template tokens inside table cells', () => {
    const run = sampleRun({
      id: 'x',
      mode: 'agent',
      level: 5,
      evidence: [{ kind: 'leaked_tokens', quote: 'a | b <unused24>', shows: 'template token leaked' }],
    });
    const text = renderMarkdown(sampleReport([run]));
    expect(text).toContain('“a \\| b &lt;unused24&gt;”');
  });
});

describe('the timing section', () => {
  it('gives every figure or why it is missing, and the caveats beside the table', () => {
    const run = sampleRun({
      id: 'agent-1',
      mode: 'agent',
      claudeCode: '2.1.328',
      metrics: {
        ttftMs: 2100,
        ttftTextMs: { unavailable: 'no_text' },
        ttftToolCallMs: 2100,
        serverDecodeTokensPerSec: { unavailable: 'not_reported' },
        loadMs: 7400,
        loads: 2,
        caveats: ['tool_calls_sent_whole', 'prefill_includes_cache_hits'],
      },
    });
    const md = renderMarkdown(sampleReport([run]));
    const rows = tableUnder(md, 'Timing');
    expect(rows[1]?.slice(1)).toEqual([
      '2.10s',
      '— (no text)',
      // A figure a caveat makes incomparable is marked in its own cell, the note below says why.
      '2.10s (whole call)',
      '96.9',
      '— (not reported)',
      '850.0 (includes cache hits)',
      '7.4s (2 loads)',
      '0.00s',
    ]);
    expect(md).toContain('> Note: the backend sends a tool call only once it is complete');
    expect(md).toContain('> Note: prefill rate counts cached prompt tokens (Ollama): not comparable.');
  });

  it('leaves figures of runs without caveats unmarked', () => {
    const run = sampleRun({ id: 'agent-2', mode: 'agent', claudeCode: '2.1.328', metrics: { ttftToolCallMs: 900 } });
    const row = tableUnder(renderMarkdown(sampleReport([run])), 'Timing')[1] ?? [];
    expect(row.join(' ')).not.toMatch(/whole call|includes cache hits/);
  });
});

describe('the environment section', () => {
  it('names the accelerator and gives the model table in the experiment’s shape', () => {
    const md = renderMarkdown(
      sampleReport([sampleRun()], {
        environment: sampleEnvironment({
          accelerator: { kind: 'apple', chip: 'Apple M4 Max', gpuCores: 40, unifiedMemoryGiB: 48 },
        }),
      }),
    );
    expect(md).toContain('| Accelerator | Apple M4 Max, 40-core GPU, 48 GiB unified memory |');
    const rows = tableUnder(md, 'Models');
    expect(rows[0]).toEqual(['Model', 'Architecture', 'Total / active params', 'Quantisation', 'VRAM', 'Context']);
    expect(rows[1]?.[0]).toBe('sim-correct');
  });
});
