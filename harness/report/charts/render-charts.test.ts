import { describe, expect, it } from 'vitest';
import { sampleReport, sampleRun } from '../test-kit/sample-runs.ts';
import { renderCharts } from './render-charts.ts';
import { escapeXml } from './svg.ts';

/** Checks that every tag is closed in order, the way an XML parser would. */
function unbalancedTag(svg: string): string | null {
  const stack: string[] = [];
  for (const match of svg.matchAll(/<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>/g)) {
    const [, closing, name, , selfClosing] = match;
    if (selfClosing === '/') continue;
    if (closing === '/') {
      if (stack.pop() !== name) return name as string;
    } else stack.push(name as string);
  }
  return stack.length > 0 ? (stack[0] as string) : null;
}

function textContents(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] as string);
}

describe('renderCharts', () => {
  const runs = [
    sampleRun({ id: '1', model: 'gemma4:26b', metrics: { decodeTokensPerSec: 77, ttftMs: 14_400 } }),
    sampleRun({
      id: '2',
      model: 'gemma4:26b',
      mode: 'agent',
      level: 5,
      metrics: { decodeTokensPerSec: 70.5, ttftMs: 900 },
    }),
    sampleRun({ id: '3', model: 'qwen<3>&"coder"', metrics: { decodeTokensPerSec: 96.9, ttftMs: 270 } }),
    sampleRun({
      id: '4',
      model: 'qwen<3>&"coder"',
      mode: 'agent',
      level: 3,
      metrics: { decodeTokensPerSec: 90, ttftMs: 520 },
    }),
    sampleRun({ id: '5', model: 'qwen<3>&"coder"', mode: 'agent', attempt: 2, status: 'timeout' }),
  ];
  const charts = renderCharts(sampleReport(runs));
  const byFile = new Map(charts.map((c) => [c.file, c.svg]));

  it('renders decode, TTFT and level charts under charts/', () => {
    expect(charts.map((c) => c.file)).toEqual(['charts/decode.svg', 'charts/ttft.svg', 'charts/levels.svg']);
  });

  it.each(['charts/decode.svg', 'charts/ttft.svg', 'charts/levels.svg'])(
    '%s is a balanced, self-contained SVG',
    (file) => {
      const svg = byFile.get(file) as string;
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(svg).toMatch(/width="760" height="\d+(\.\d)?" viewBox="0 0 760 \d+/);
      expect(unbalancedTag(svg)).toBeNull();
      expect(svg).not.toMatch(/<script|@import|url\(|href=/);
      expect(textContents(svg).some((t) => t.startsWith(escapeXml('qwen<3>&"coder"')))).toBe(true);
      expect(svg).not.toContain('qwen<3>');
      expect(svg).toContain('Scripted backend — not a real model');
    },
  );

  it('writes each mode’s median decode speed next to its bar, raw and agent in two colours', () => {
    const svg = byFile.get('charts/decode.svg') as string;
    const texts = textContents(svg);
    expect(texts).toEqual(
      expect.arrayContaining([
        'gemma4:26b',
        '77.0 tok/s',
        '70.5 tok/s',
        '96.9 tok/s',
        '90.0 tok/s',
        'raw API',
        'Claude Code agent',
      ]),
    );
    expect(svg).toContain('fill="#4e79a7"');
    expect(svg).toContain('fill="#f28e2b"');
  });

  it('gives TTFT in seconds', () => {
    expect(textContents(byFile.get('charts/ttft.svg') as string)).toEqual(
      expect.arrayContaining(['14.40 s', '0.90 s', '0.27 s', '0.52 s']),
    );
  });

  it('stacks the level distribution per model and mode, timeouts included', () => {
    const svg = byFile.get('charts/levels.svg') as string;
    expect(svg).toContain(`<title>${escapeXml('qwen<3>&"coder" · agent — 3 tool name mismatch: 1')}</title>`);
    expect(svg).toContain(`<title>${escapeXml('qwen<3>&"coder" · agent — timeout: 1')}</title>`);
    expect(svg).toContain('<title>gemma4:26b · agent — 5 output corruption: 1</title>');
    expect(textContents(svg)).toEqual(expect.arrayContaining(['n=2', 'n=1']));
  });

  it('draws a scaled bar: the fastest series fills the plot, slower ones proportionally less', () => {
    const svg = byFile.get('charts/decode.svg') as string;
    const width = (label: string): number =>
      Number(svg.match(new RegExp(`width="([\\d.]+)"[^>]*><title>[^<]*: ${label}</title>`))?.[1]);
    expect(width('77.0 tok/s') / width('96.9 tok/s')).toBeCloseTo(77 / 96.9, 2);
  });

  it('says so when there are no runs', () => {
    const [decode] = renderCharts({ ...sampleReport([]), scripted: false });
    expect(textContents(decode?.svg as string)).toContain('No runs to show.');
    expect(decode?.svg).not.toContain('Scripted backend');
  });
});
