/** What a runner (raw or agent) is handed for one run. */
import type { BenchSettings } from '../config/types.ts';
import type { Clock, Logger } from '../core/context.ts';
import type { ProxyHandle } from '../proxy/types.ts';
import type { TaskDefinition } from '../tasks/types.ts';
import type { ReleaseControls } from './agent/claude-controls/plan-controls.ts';

export interface GraderPython {
  path: string;
  version: string;
}

export interface ClaudeCli {
  /** Absolute path of the Claude Code binary. */
  bin: string;
  version: string;
  /** How runs of this release are bounded: the way each control takes, and what the release lacks. */
  controls: ReleaseControls;
}

/** One Claude Code release a bench drives, resolved before the first run. */
export interface ClaudeRelease extends ClaudeCli {
  /** What named it: --claude-version entries ('pinned', 'latest', '2.1.85'), or '--claude-bin'. */
  requested: string[];
  /** project: the pinned package in node_modules; cache/installed: the per-user release cache; explicit: --claude-bin. */
  source: 'project' | 'cache' | 'installed' | 'explicit';
}

/** A server context the preflight read: its size in tokens and the fix that raises it. */
export interface KnownContext {
  readonly tokens: number;
  readonly fix: string;
}

export interface RunContext {
  readonly runId: string;
  readonly model: string;
  readonly task: TaskDefinition;
  readonly attempt: number;
  /** Whether the proxy rescues this run's tool calls. */
  readonly rescue: boolean;
  /**
   * The server's context for this model and how to raise it, when the preflight knew it: for
   * telling a prompt the server cut, and for naming the fix for this server when it did.
   */
  readonly serverContext: KnownContext | null;
  readonly settings: BenchSettings;
  readonly proxy: ProxyHandle;
  readonly python: GraderPython;
  /** Absolute directory for this run's artifacts: <reportDir>/runs/<runId>/ */
  readonly runDir: string;
  /** Absolute report directory; artifact paths in the RunRecord are relative to it. */
  readonly reportDir: string;
  /** Present in agent mode. */
  readonly claude: ClaudeCli | null;
  readonly clock: Clock;
  readonly logger: Logger;
}
