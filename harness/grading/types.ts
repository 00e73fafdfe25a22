/** Shapes shared by the grading steps: extraction, sorting, repair, pytest and grades. */
import type { TestResults } from '../core/run.ts';
import type { ArtifactRole } from '../tasks/types.ts';

/** One fenced block of a model's answer. */
export interface CodeBlock {
  /** Info-string language, lower-cased (`python`, `py`, `bash`), or null when none was given. */
  lang: string | null;
  code: string;
  /** False when the answer ended inside the block (the model hit its token limit). */
  closed: boolean;
  /** Position among the answer's blocks, from 0. */
  index: number;
  /** The last non-empty prose line before the fence (a filename hint such as "**`app.py`**"), or null. */
  precedingLine: string | null;
}

/** A file recovered from an answer (raw mode) or found in the agent's workspace. */
export interface ExtractedFile {
  /** Relative path, e.g. `lru_cache.py`. */
  path: string;
  role: ArtifactRole;
  content: string;
  /** Index of the CodeBlock it came from; -1 when it was not extracted from an answer. */
  fromBlock: number;
}

export interface RepairChange {
  file: string;
  kind: 'typo' | 'template_token';
  /** The identifier or token as the model wrote it. */
  before: string;
  /** What it became (empty for a stripped token). */
  after: string;
  /** 1-based line number in the file before the repair. */
  line: number;
}

export interface IdentifierTypo {
  found: string;
  expected: string;
  file: string;
  line: number;
  /** The whole line, as written (trimmed), for quoting. */
  text: string;
}

export interface CorruptionReport {
  typos: IdentifierTypo[];
  leakedTokens: string[];
  /** An unclosed final code block or a max_tokens stop. */
  truncated: boolean;
}

export type TestOutcome = 'passed' | 'failed' | 'error' | 'skipped';

export interface TestCase {
  classname: string;
  name: string;
  outcome: TestOutcome;
  /** Failure, error or skip message; null for a pass. */
  message: string | null;
  timeSec: number | null;
}

export interface PytestRun {
  /** pytest's exit code; null when pytest was not run (no targets) or was killed. */
  exitCode: number | null;
  timedOut: boolean;
  durationMs: number;
  stdout: string;
  stderr: string;
  cases: TestCase[];
  passed: number;
  /** max(JUnit test count, static count of `def test_` in the targets). */
  total: number;
  /** The first collection error (import failure, syntax error), or null. */
  collectionError: string | null;
}

export interface Grade {
  model: PytestRun;
  reference: PytestRun;
  tests: TestResults;
}
