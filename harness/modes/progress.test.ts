import { describe, expect, it } from 'vitest';
import { createProgress, formatProgressLine } from './progress.ts';

const heading = {
  index: 3,
  total: 8,
  model: 'qwen3-coder:30b',
  task: 'lru-cache',
  mode: 'raw',
  claudeCode: null,
  attempt: 1,
  rescue: false,
};

describe('progress lines', () => {
  it('names model, task, mode, attempt, elapsed time and outcome', () => {
    expect(formatProgressLine(heading, 12_345, 'level 6 success')).toBe(
      '[3/8] qwen3-coder:30b lru-cache raw #1 12.3s level 6 success',
    );
  });

  it('names the Claude Code release of an agent run', () => {
    expect(formatProgressLine({ ...heading, mode: 'agent', claudeCode: '2.1.85' }, 9_000, 'level 4')).toBe(
      '[3/8] qwen3-coder:30b lru-cache agent cc 2.1.85 #1 9.0s level 4',
    );
  });

  it('writes plain lines when not on a terminal', () => {
    let out = '';
    const progress = createProgress({ isTTY: false, write: (s: string) => (out += s) });
    progress.start(heading);
    progress.finish(heading, 1000, 'timeout');
    expect(out).toBe('[3/8] qwen3-coder:30b lru-cache raw #1 1.0s timeout\n');
  });

  it('updates the running line in place on a terminal', () => {
    let out = '';
    const progress = createProgress({ isTTY: true, write: (s: string) => (out += s) });
    progress.start(heading);
    progress.finish(heading, 1000, 'timeout');
    expect(out).toContain('running…');
    expect(out).toContain('\r\x1b[K[3/8]');
  });
});
