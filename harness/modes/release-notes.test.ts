import { describe, expect, it } from 'vitest';
import { measuredSupport } from './agent/claude-controls/measured-support.ts';
import { planControls } from './agent/claude-controls/plan-controls.ts';
import type { ClaudeRelease } from './context.ts';
import { releaseNotes } from './release-notes.ts';

function release(version: string, requested: string[], source: ClaudeRelease['source'], bin: string): ClaudeRelease {
  const names = measuredSupport(version) ?? new Set<string>();
  return { version, requested, source, bin, controls: planControls({ source: 'table', names }) };
}

describe('releaseNotes', () => {
  it('names each release, what it lacks, and that agent runs are made under each', () => {
    expect(
      releaseNotes([
        release('2.1.85', ['2.1.85'], 'cache', '/c/2.1.85/cli.js'),
        release('2.1.328', ['pinned'], 'project', '/p/claude.exe'),
      ]),
    ).toEqual([
      'Claude Code 2.1.85 (2.1.85; cache: /c/2.1.85/cli.js) is bounded less tightly:',
      '  streamIdleTimeout: unsupported — no byte-stream watchdog; a stalled stream ends at the run limit',
      '  contextWindow: unsupported — the CLI assumes a 200K window; a prompt the server cuts is reported as context_truncated',
      'Claude Code 2.1.328 (pinned; project: /p/claude.exe)',
      'Agent runs are made once per release: 2.1.85, 2.1.328.',
    ]);
  });

  it('says one line for the pinned release alone', () => {
    expect(releaseNotes([release('2.1.328', ['pinned'], 'project', '/p/claude.exe')])).toEqual([
      'Claude Code 2.1.328 (pinned; project: /p/claude.exe)',
    ]);
  });
});
