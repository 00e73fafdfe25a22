/** The Claude Code command line and environment of one agent run. Pure. */
import type { ControlInput } from './claude-controls/control-table.ts';
import type { ReleaseControls } from './claude-controls/plan-controls.ts';
import { controlArgs, controlEnv } from './claude-controls/plan-controls.ts';

/** The run's limits as the controls need them. */
export function runLimits(input: {
  timeoutSec: number;
  maxTokens: number;
  numCtx: number;
  maxTurns: number;
  tmpDir: string;
}): ControlInput {
  return {
    runMs: Math.max(1, Math.round(input.timeoutSec * 1000)),
    maxTokens: input.maxTokens,
    numCtx: input.numCtx,
    maxTurns: input.maxTurns,
    tmpDir: input.tmpDir,
  };
}

export interface ClaudeArgsInput {
  prompt: string;
  model: string;
  /** The containment settings file (see containment.ts). */
  settingsFile: string;
  /** The release's controls: which bounding and session flags it takes. */
  controls: ReleaseControls;
  limits: ControlInput;
}

/** Arguments after the binary: print mode, stream-json, containment, the release's bounding flags. */
export function claudeArgs(input: ClaudeArgsInput): string[] {
  return [
    '-p',
    input.prompt,
    '--output-format',
    'stream-json',
    '--verbose',
    '--model',
    input.model,
    ...controlArgs(input.controls, input.limits),
    // Edits only inside the working directory; in print mode anything that would need approval
    // is refused instead of asked.
    '--permission-mode',
    'acceptEdits',
    '--settings',
    input.settingsFile,
  ];
}

export interface ClaudeEnvInput {
  /** The harness's own environment; only allowlisted, non-secret names pass. */
  parentEnv: Readonly<Record<string, string | undefined>>;
  /** The run's proxy session URL. */
  baseUrl: string;
  model: string;
  home: string;
  /** Directory with the python3/python/pytest shims; first on PATH. */
  binDir: string;
  /** The release's controls: which variables bound, isolate and quiet it (claude-controls/). */
  controls: ReleaseControls;
  /** The run's limits; `limits.tmpDir` is the run's own temporary directory. */
  limits: ControlInput;
  /** Decides which inherited names are secrets (grading's isSecretEnvName). */
  isSecret: (name: string) => boolean;
}

/** Names passed through from the harness's environment, when set and not secret. */
export const inheritedEnvNames = [
  'PATH',
  'LANG',
  'LC_ALL',
  'LC_CTYPE',
  'TZ',
  'TERM',
  'USER',
  'LOGNAME',
  'SHELL',
] as const;

/** Placeholder credential: Claude Code needs a non-empty one, the proxy ignores it. */
export const dummyAuthToken = 'local-llm-bench';

/**
 * The complete environment of the Claude Code process: an allowlist of the harness's own
 * variables (never its keys or tokens), the proxy as API endpoint, and the release's controls:
 * quiet and offline, every retry and timeout bounded by the run's time limit.
 */
export function claudeEnv(input: ClaudeEnvInput): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of inheritedEnvNames) {
    const value = input.parentEnv[name];
    if (value !== undefined && !input.isSecret(name)) env[name] = value;
  }
  return {
    ...env,
    PATH: env.PATH === undefined ? input.binDir : `${input.binDir}:${env.PATH}`,
    HOME: input.home,
    TMPDIR: input.limits.tmpDir,
    ANTHROPIC_BASE_URL: input.baseUrl,
    ANTHROPIC_AUTH_TOKEN: dummyAuthToken,
    ANTHROPIC_DEFAULT_OPUS_MODEL: input.model,
    ANTHROPIC_DEFAULT_SONNET_MODEL: input.model,
    ANTHROPIC_DEFAULT_HAIKU_MODEL: input.model,
    // The proxy is on loopback; a proxy variable must never route it elsewhere.
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
    ...controlEnv(input.controls, input.limits),
    PYTHONDONTWRITEBYTECODE: '1',
  };
}
