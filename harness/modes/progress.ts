/**
 * One progress line per run: readable as plain lines in a CI log, updated in place on a terminal
 * (a "running" line that is replaced by the outcome when the run ends).
 */
import type { RunRecord } from '../core/run.ts';
import { formatOutcome } from '../report/format.ts';

export interface RunHeading {
  index: number;
  total: number;
  model: string;
  task: string;
  mode: string;
  /** The Claude Code release of an agent run; null for raw runs. */
  claudeCode: string | null;
  attempt: number;
  rescue: boolean;
}

/** Short outcome text: "level 5 output corruption · tool call written as text · tests 0/0 ref 0/14", "infra · context truncated". */
export function outcomeText(run: RunRecord): string {
  if (run.status !== 'completed') return formatOutcome(run);
  const t = run.tests;
  return `level ${formatOutcome(run)} · tests ${t.model.passed}/${t.model.total} ref ${t.reference.passed}/${t.reference.total}`;
}

/**
 * "[3/8] qwen3-coder:30b lru-cache raw #1 12.3s level 6 success · tests 5/5 ref 12/12";
 * an agent run names its release: "… lru-cache agent cc 2.1.85 #1 …".
 */
export function formatProgressLine(heading: RunHeading, elapsedMs: number, outcome: string): string {
  const release = heading.claudeCode === null ? '' : ` cc ${heading.claudeCode}`;
  const rescue = heading.rescue ? ' rescue' : '';
  const seconds = (elapsedMs / 1000).toFixed(1);
  return `[${heading.index}/${heading.total}] ${heading.model} ${heading.task} ${heading.mode}${release}${rescue} #${heading.attempt} ${seconds}s ${outcome}`;
}

export interface ProgressReporter {
  start(heading: RunHeading): void;
  finish(heading: RunHeading, elapsedMs: number, outcome: string): void;
  note(line: string): void;
}

/** A reporter on `stream`; in-place updates only when it is a terminal. */
export function createProgress(
  stream: NodeJS.WriteStream | { isTTY?: boolean; write(s: string): unknown },
): ProgressReporter {
  const tty = stream.isTTY === true;
  return {
    start(heading) {
      if (tty) stream.write(`${formatProgressLine(heading, 0, 'running…')}`);
    },
    finish(heading, elapsedMs, outcome) {
      const line = formatProgressLine(heading, elapsedMs, outcome);
      stream.write(tty ? `\r\x1b[K${line}\n` : `${line}\n`);
    },
    note(line) {
      stream.write(`${line}\n`);
    },
  };
}
