/** Resolved, validated options of one bench invocation. Everything downstream reads only these. */
import type { DialectKind } from '../backends/types.ts';
import type { Mode } from '../core/run.ts';
import type { SimFlavour } from '../sim/types.ts';

export type BackendKind = DialectKind | 'sim';

export interface BenchSettings {
  readonly models: readonly string[];
  readonly tasks: readonly string[];
  readonly modes: readonly Mode[];
  readonly backend: BackendKind;
  /** The dialect actually spoken upstream (for sim: the dialect the sim is addressed in). */
  readonly dialect: DialectKind;
  /** Which real server the scripted backend imitates (its facts endpoints, thinking switches); sim only. */
  readonly simServer: SimFlavour;
  /** Upstream base URL; for sim, filled in once the in-process sim server is up. */
  readonly baseUrl: string | null;
  readonly outDir: string;
  readonly repeat: number;
  readonly numCtx: number;
  readonly maxTokens: number;
  readonly temperature: number;
  readonly think: boolean;
  /** Per-run wall-clock limit in seconds (agent mode default 600; raw mode request limit). */
  readonly timeoutSec: number;
  readonly maxTurns: number;
  /** Which limits the user gave; the others come from each task's definition (`limits`). */
  readonly limitsGiven: { readonly timeout: boolean; readonly maxTurns: boolean };
  readonly rescue: boolean;
  /** The same call or text this many times in a row stops an agent run early (0: never). */
  readonly loopLimit: number;
  /** Measure fixability of failing runs by rerunning with the rescue or the repair. */
  readonly measureFixability: boolean;
  readonly python: string | null;
  /**
   * --claude-version entries, checked and in order: 'pinned', 'latest' or an exact version. Empty
   * when not given: the pinned release, or only --claude-bin's binary when that is given.
   */
  readonly claudeVersions: readonly string[];
  /** --claude-bin: another Claude Code binary, driven after the --claude-version releases. */
  readonly claudeBin: string | null;
  readonly resumeDir: string | null;
  readonly debug: boolean;
}
