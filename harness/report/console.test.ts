import { describe, expect, it } from 'vitest';
import { renderConsoleSummary } from './console.ts';
import { sampleReport, sampleRun } from './test-kit/sample-runs.ts';

describe('renderConsoleSummary', () => {
  const runs = [
    sampleRun({ id: 'a', model: 'qwen3-coder:30b' }),
    sampleRun({
      id: 'b',
      model: 'qwen3-coder:30b',
      mode: 'agent',
      level: 3,
      metrics: { ttftMs: 2500, decodeTokensPerSec: 41.25 },
    }),
    sampleRun({ id: 'c', model: 'qwen3-coder:30b', mode: 'agent', attempt: 2, status: 'timeout' }),
  ];

  it('puts one line per run in a table with result, tests, TTFT and tok/s', () => {
    const lines = renderConsoleSummary({ ...sampleReport(runs), scripted: false }).split('\n');
    const agentLine = lines.find((l) => l.includes('L3 tool name mismatch'));
    expect(agentLine).toBeDefined();
    expect(agentLine).toMatch(
      /qwen3-coder:30b\s*│\s*lru-cache\s*│\s*agent\s*│\s*L3 tool name mismatch\s*│\s*5\/5 \(6\/6\)\s*│\s*2\.50s\s*│\s*41\.3/,
    );
    expect(lines.find((l) => l.includes('agent #2'))).toMatch(/timeout/);
    expect(lines.join('\n')).not.toContain('Scripted');
    expect(lines.join('\n')).not.toContain('\u001b[');
  });

  it('opens with the scripted-backend line when scripted', () => {
    expect(renderConsoleSummary(sampleReport(runs)).split('\n')[0]).toMatch(
      /^Scripted backend — .*not from a real model\.$/,
    );
  });
});
