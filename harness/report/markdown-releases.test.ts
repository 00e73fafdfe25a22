import { describe, expect, it } from 'vitest';
import type { ProtocolError, RunRecord } from '../core/run.ts';
import { renderMarkdown } from './markdown.ts';
import { releasesSection } from './markdown-releases.ts';
import type { SampleRunOverrides } from './test-kit/sample-runs.ts';
import { sampleReport, sampleRun } from './test-kit/sample-runs.ts';

const writeWithPath = (repairedBy: ProtocolError['repairedBy']): ProtocolError => ({
  kind: 'param_name_mismatch',
  call: { name: 'Write', input: { path: '/ws/lru_cache.py', content: 'x' } },
  repairedBy,
});

function agent(model: string, claudeCode: string, overrides: SampleRunOverrides = {}): RunRecord {
  return sampleRun({
    id: `${model}__lru-cache__agent__cc${claudeCode}__a1`,
    model,
    mode: 'agent',
    claudeCode,
    ...overrides,
  });
}

const refused = agent('sim-path', '2.1.85', {
  level: 4,
  kind: 'param_name',
  protocolErrors: [writeWithPath(null)],
  evidence: [
    {
      kind: 'param_name_mismatch',
      quote: 'Write {"path":"/ws/lru_cache.py"}',
      shows: 'called Write with arguments that violate its schema (missing file_path; unexpected path)',
    },
    {
      kind: 'tool_error',
      quote: '<tool_use_error>InputValidationError: An unexpected parameter `path` was provided</tool_use_error>',
      shows: 'what Claude Code answered',
    },
  ],
});
const repaired = agent('sim-path', '2.1.328', {
  protocolErrors: [writeWithPath('claude_code')],
  evidence: [
    { kind: 'tests', quote: 'model tests 5/5, reference tests 14/14', shows: 'every test passes' },
    {
      kind: 'tool_result',
      quote: 'File created successfully at: /ws/lru_cache.py',
      shows: 'what Claude Code answered to the repaired call',
    },
  ],
});
const report = sampleReport([
  sampleRun({ model: 'sim-path' }),
  refused,
  repaired,
  agent('sim-correct', '2.1.85'),
  agent('sim-correct', '2.1.328'),
]);

describe('releasesSection', () => {
  const section = releasesSection(report) ?? '';

  it('puts each model and task under each release side by side, releases in version order', () => {
    expect(section).toContain(
      [
        '| Model · Task | 2.1.85 | 2.1.328 |',
        '|---|---|---|',
        '| sim-path · lru-cache | 4 parameter name mismatch | 6 success |',
        '| sim-correct · lru-cache | 6 success | 6 success |',
      ].join('\n'),
    );
  });

  it('says what changed with the protocol errors that explain it and the deciding evidence of each side', () => {
    const lines = section.split('\n').filter((l) => l.startsWith('- ') || l.startsWith('  - '));
    expect(lines).toEqual([
      '- **sim-path · lru-cache**: level 4 → 6 from 2.1.85 to 2.1.328 — under 2.1.85 `Write` with `path`, `content` was refused (param_name_mismatch, not repaired); under 2.1.328 the CLI repaired it (param_name_mismatch, repaired by claude_code)',
      '  - 2.1.85: called Write with arguments that violate its schema (missing file_path; unexpected path): “Write {"path":"/ws/lru_cache.py"}”; Claude Code answered “&lt;tool_use_error&gt;InputValidationError: An unexpected parameter `path` was provided&lt;/tool_use_error&gt;”',
      '  - 2.1.328: every test passes: “model tests 5/5, reference tests 14/14”; Claude Code answered “File created successfully at: /ws/lru_cache.py”',
    ]);
  });

  it('is left out when the agent runs used one release', () => {
    expect(releasesSection(sampleReport([sampleRun(), agent('sim-path', '2.1.328')]))).toBeNull();
  });

  it('says so when no model changed between releases', () => {
    const same = sampleReport([agent('sim-correct', '2.1.85'), agent('sim-correct', '2.1.328')]);
    expect(releasesSection(same)).toContain('No model and task changed level between releases.');
  });
});

describe('report.md with several releases', () => {
  const md = renderMarkdown(report, []);

  it('places the section after the agent table', () => {
    expect(md.indexOf('## Claude Code releases')).toBeGreaterThan(md.indexOf('## Claude Code agent'));
    expect(md.indexOf('## Claude Code releases')).toBeLessThan(md.indexOf('## Failure taxonomy'));
  });

  it('names the release of each agent run where runs are listed', () => {
    expect(md).toContain('| 4 · parameter names | sim-path · agent · cc 2.1.85 |');
    expect(md).toContain('<summary>sim-path · agent · cc 2.1.328 — 6 success</summary>');
    expect(md).toContain('<summary>sim-path · raw — 6 success</summary>');
  });
});
