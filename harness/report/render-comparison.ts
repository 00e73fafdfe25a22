/** A comparison as Markdown, a terminal table or JSON. */
import Table from 'cli-table3';
import type { ComparedSide, Comparison, ComparisonEntry } from './compare.ts';
import { formatRate, formatSeconds, formatTests, statusWords } from './format.ts';
import { mdTable } from './markdown-table.ts';

export type ComparisonFormat = 'md' | 'table' | 'json';

const headers = ['Verdict', 'Model', 'Task', 'Mode', 'Level', 'Reference tests', 'TTFT', 'Decode tok/s', 'Reasons'];

function outcome(side: ComparedSide | null): string {
  if (side === null) return '—';
  if (side.status !== 'completed') return statusWords[side.status];
  return side.level === null ? '—' : String(side.level);
}

function arrow(base: string, head: string): string {
  return base === head ? base : `${base} → ${head}`;
}

const verdictWords: Record<ComparisonEntry['verdict'], string> = {
  regression: 'regression',
  claude_code_change: 'Claude Code change',
  improvement: 'improvement',
  unchanged: 'unchanged',
  new: 'new',
  missing: 'missing',
};

/** The reasons in words; a change of Claude Code release says so first ("Claude Code 2.1.330 → 2.1.332: level …"). */
function reasonsText(entry: ComparisonEntry): string {
  const reasons = entry.reasons.map((r) => r.text).join('; ');
  if (entry.verdict !== 'claude_code_change') return reasons || '—';
  const why = entry.explanation === null ? '' : ` — ${entry.explanation}`;
  return `Claude Code ${entry.release.base} → ${entry.release.head}: ${reasons || 'no change'}${why}`;
}

function row(entry: ComparisonEntry): string[] {
  const tests = (s: ComparedSide | null): string => (s?.tests == null ? '—' : formatTests(s.tests.reference));
  const ttft = (s: ComparedSide | null): string => formatSeconds(s?.ttftMs.median ?? null);
  const decode = (s: ComparedSide | null): string => formatRate(s?.decodeTokensPerSec.median ?? null);
  const release = entry.claudeCode === null ? '' : ` cc ${entry.claudeCode}`;
  return [
    verdictWords[entry.verdict],
    entry.model,
    entry.task,
    `${entry.mode}${release}${entry.rescue ? ' + rescue' : ''}`,
    arrow(outcome(entry.base), outcome(entry.head)),
    arrow(tests(entry.base), tests(entry.head)),
    arrow(ttft(entry.base), ttft(entry.head)),
    arrow(decode(entry.base), decode(entry.head)),
    reasonsText(entry),
  ];
}

function countsLine(c: Comparison): string {
  const { regression, claude_code_change: cli, improvement, unchanged, new: added, missing } = c.counts;
  const changes = cli === 0 ? '' : `${cli} Claude Code change(s) (not regressions: the CLI release moved), `;
  return `${regression} regression(s), ${changes}${improvement} improvement(s), ${unchanged} unchanged, ${added} new, ${missing} missing; timing noise threshold ±${Math.round(c.noiseThreshold * 100)}% (wider where repeats spread more).`;
}

function sidesLine(c: Comparison): string[] {
  return [
    `Base: ${c.base.startedAt} on ${c.base.host} (${c.base.generator}, settings ${c.base.settingsHash})`,
    `Head: ${c.head.startedAt} on ${c.head.host} (${c.head.generator}, settings ${c.head.settingsHash})`,
  ];
}

/** Renders the comparison; warnings (scripted data first) always come before the entries. */
export function renderComparison(c: Comparison, format: ComparisonFormat): string {
  if (format === 'json') return JSON.stringify(c, null, 2);
  if (format === 'md') {
    const parts = [
      '# Report comparison',
      sidesLine(c)
        .map((l) => `- ${l}`)
        .join('\n'),
    ];
    if (c.warnings.length > 0) parts.push(c.warnings.map((w) => `> **${w}**`).join('\n>\n'));
    parts.push(countsLine(c));
    if (c.entries.length > 0) parts.push(mdTable(headers, c.entries.map(row)));
    return `${parts.join('\n\n')}\n`;
  }
  const rows = c.entries.map(row);
  // Every column as wide as its content, except the reasons, which wrap.
  const colWidths = headers.map((header, i) =>
    i === headers.length - 1 ? 60 : Math.max(header.length, ...rows.map((r) => (r[i] ?? '').length)) + 2,
  );
  const table = new Table({ head: headers, style: { head: [], border: [] }, wordWrap: true, colWidths });
  for (const cells of rows) table.push(cells);
  return [...c.warnings.map((w) => `! ${w}`), ...sidesLine(c), countsLine(c), table.toString()].join('\n');
}
