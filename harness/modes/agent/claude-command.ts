/** The Claude Code command line and environment of one agent run. Pure. */

export interface ClaudeArgsInput {
  prompt: string;
  model: string;
  maxTurns: number;
  /** The containment settings file (see containment.ts). */
  settingsFile: string;
}

/** Arguments after the binary: print mode, stream-json, containment flags. */
export function claudeArgs(input: ClaudeArgsInput): string[] {
  return [
    '-p',
    input.prompt,
    '--output-format',
    'stream-json',
    '--verbose',
    '--model',
    input.model,
    '--max-turns',
    String(input.maxTurns),
    // Edits only inside the working directory; in print mode anything that would need approval
    // is refused instead of asked.
    '--permission-mode',
    'acceptEdits',
    '--settings',
    input.settingsFile,
    '--no-session-persistence',
  ];
}

export interface ClaudeEnvInput {
  /** The harness's own environment; only allowlisted, non-secret names pass. */
  parentEnv: Readonly<Record<string, string | undefined>>;
  /** The run's proxy session URL. */
  baseUrl: string;
  model: string;
  home: string;
  tmpDir: string;
  /** Directory with the python3/python/pytest shims; first on PATH. */
  binDir: string;
  timeoutSec: number;
  maxTokens: number;
  numCtx: number;
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
 * variables (never its keys or tokens), the proxy as API endpoint, quiet and offline, and every
 * retry and timeout bounded by the run's time limit.
 */
export function claudeEnv(input: ClaudeEnvInput): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of inheritedEnvNames) {
    const value = input.parentEnv[name];
    if (value !== undefined && !input.isSecret(name)) env[name] = value;
  }
  const runMs = Math.max(1, Math.round(input.timeoutSec * 1000));
  return {
    ...env,
    PATH: env.PATH === undefined ? input.binDir : `${input.binDir}:${env.PATH}`,
    HOME: input.home,
    TMPDIR: input.tmpDir,
    CLAUDE_CODE_TMPDIR: input.tmpDir,
    ANTHROPIC_BASE_URL: input.baseUrl,
    ANTHROPIC_AUTH_TOKEN: dummyAuthToken,
    ANTHROPIC_DEFAULT_OPUS_MODEL: input.model,
    ANTHROPIC_DEFAULT_SONNET_MODEL: input.model,
    ANTHROPIC_DEFAULT_HAIKU_MODEL: input.model,
    // The proxy is on loopback; a proxy variable must never route it elsewhere.
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_TELEMETRY: '1',
    DISABLE_AUTOUPDATER: '1',
    DISABLE_ERROR_REPORTING: '1',
    // One retry: an upstream error is an infrastructure result, not something to wait out.
    CLAUDE_CODE_MAX_RETRIES: '1',
    // Time to response headers; a local model may prefill the ~14K-token prompt for minutes, so
    // only the run's own limit bounds it.
    API_TIMEOUT_MS: String(runMs),
    // The proxy pings every few seconds while the model is silent; a byte stream idle for two
    // minutes means the proxy itself is stuck.
    CLAUDE_BYTE_STREAM_IDLE_TIMEOUT_MS: String(Math.min(runMs, 120_000)),
    CLAUDE_CODE_DISABLE_NONSTREAMING_FALLBACK: '1',
    CLAUDE_CODE_MAX_OUTPUT_TOKENS: String(input.maxTokens),
    CLAUDE_CODE_MAX_CONTEXT_TOKENS: String(input.numCtx),
    // With a 32K window Claude Code's own prompt (~13K tokens) is past its auto-compact threshold
    // (window − output reserve − summary buffer), so it would compact after every turn and stop
    // with "Autocompact is thrashing". A benchmark task fits in the window; compaction would
    // measure the summary, not the model.
    DISABLE_AUTO_COMPACT: '1',
    BASH_DEFAULT_TIMEOUT_MS: String(Math.min(runMs, 120_000)),
    BASH_MAX_TIMEOUT_MS: String(Math.min(runMs, 300_000)),
    PYTHONDONTWRITEBYTECODE: '1',
  };
}
