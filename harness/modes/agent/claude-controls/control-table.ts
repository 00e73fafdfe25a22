/**
 * The environment variables and flags through which the harness bounds, isolates and quiets a
 * Claude Code run, each with the older equivalents a release may have instead. Data; which way a
 * release gets is decided in plan-controls.ts from what the release's own code contains.
 */

/** What a run's controls are computed from. */
export interface ControlInput {
  /** The run's wall-clock limit in milliseconds. */
  readonly runMs: number;
  readonly maxTokens: number;
  readonly numCtx: number;
  readonly maxTurns: number;
  /** The run's own temporary directory. */
  readonly tmpDir: string;
}

/** One way a release can be told something: environment variables, a flag, or both. */
export interface ControlWay {
  /** Environment variables this way sets, with their values for a run. */
  readonly env: Readonly<Record<string, (input: ControlInput) => string>>;
  /** A command-line flag, with its value when it takes one. */
  readonly flag?: { readonly name: string; readonly value?: (input: ControlInput) => string };
  /** How this way falls short of the first one; absent on the first way. */
  readonly shortfall?: string;
}

export type ControlKind = 'bound' | 'isolation' | 'quiet';

export interface ControlSpec {
  readonly kind: ControlKind;
  /** Preferred way first; a release gets the first way whose names all appear in its code. */
  readonly ways: readonly ControlWay[];
  /** What happens in a release that has none of the ways. */
  readonly without: string;
}

export type ControlId =
  | 'retries'
  | 'requestTimeout'
  | 'streamIdleTimeout'
  | 'nonStreamingFallback'
  | 'outputTokens'
  | 'contextWindow'
  | 'autoCompact'
  | 'bashDefaultTimeout'
  | 'bashMaxTimeout'
  | 'maxTurns'
  | 'tmpDir'
  | 'sessionPersistence'
  | 'nonEssentialTraffic'
  | 'telemetry'
  | 'autoUpdater'
  | 'errorReporting';

const one = (): string => '1';
/** The proxy pings every 10 s while the model is silent; bytes idle for two minutes mean the proxy is stuck. */
const streamIdleMs = (input: ControlInput): string => String(Math.min(input.runMs, 120_000));

function quiet(name: string, without: string): ControlSpec {
  return { kind: 'quiet', ways: [{ env: { [name]: one } }], without };
}

/** Every control the harness applies, in the order they are listed in reports. */
export const controlTable: Readonly<Record<ControlId, ControlSpec>> = {
  // One retry: an upstream error is an infrastructure result, not something to wait out.
  retries: {
    kind: 'bound',
    ways: [{ env: { CLAUDE_CODE_MAX_RETRIES: one } }],
    without: 'upstream errors are retried 10 times with backoff',
  },
  // Time to response headers; a local model may prefill for minutes, so only the run limit bounds it.
  requestTimeout: {
    kind: 'bound',
    ways: [{ env: { API_TIMEOUT_MS: (i) => String(i.runMs) } }],
    without: 'each request may wait 600 s for response headers',
  },
  streamIdleTimeout: {
    kind: 'bound',
    ways: [
      { env: { CLAUDE_BYTE_STREAM_IDLE_TIMEOUT_MS: streamIdleMs } },
      {
        env: { CLAUDE_ENABLE_BYTE_WATCHDOG: one, CLAUDE_STREAM_IDLE_TIMEOUT_MS: streamIdleMs },
        shortfall: 'byte-stream watchdog with the release floor of 300 s, not 120 s',
      },
    ],
    // CLAUDE_ENABLE_STREAM_WATCHDOG exists earlier, but it counts only content events, not the proxy's
    // pings, so it would cut a model that is still prefilling: not an equivalent.
    without: 'no byte-stream watchdog; a stalled stream ends at the run limit',
  },
  nonStreamingFallback: {
    kind: 'bound',
    ways: [{ env: { CLAUDE_CODE_DISABLE_NONSTREAMING_FALLBACK: one } }],
    without: 'a failed stream is retried once without streaming',
  },
  outputTokens: {
    kind: 'bound',
    ways: [{ env: { CLAUDE_CODE_MAX_OUTPUT_TOKENS: (i) => String(i.maxTokens) } }],
    without: 'output limit up to 32000 tokens per request, raised on max_tokens',
  },
  contextWindow: {
    kind: 'bound',
    // CLAUDE_CODE_AUTO_COMPACT_WINDOW (2.1.75+) is not an equivalent: it blocks at window − output
    // − buffer, which 2.1.85's own ~24K-token prompt already passes at 32K, though the experiment
    // ran that release against a 32K server. Without a cap the prompt reaches the server, whose cut
    // the proxy's context check reports as context_truncated, never as a model level.
    ways: [{ env: { CLAUDE_CODE_MAX_CONTEXT_TOKENS: (i) => String(i.numCtx) } }],
    without: 'the CLI assumes a 200K window; a prompt the server cuts is reported as context_truncated',
  },
  // With a 32K window Claude Code's own prompt (~13K tokens) is past its auto-compact threshold, so
  // it would compact after every turn; compaction would measure the summary, not the model.
  autoCompact: {
    kind: 'bound',
    ways: [{ env: { DISABLE_AUTO_COMPACT: one } }],
    without: 'auto-compaction stays on',
  },
  bashDefaultTimeout: {
    kind: 'bound',
    ways: [{ env: { BASH_DEFAULT_TIMEOUT_MS: (i) => String(Math.min(i.runMs, 120_000)) } }],
    without: 'Bash commands default to a 120 s limit',
  },
  bashMaxTimeout: {
    kind: 'bound',
    ways: [{ env: { BASH_MAX_TIMEOUT_MS: (i) => String(Math.min(i.runMs, 300_000)) } }],
    without: 'a Bash command may ask for up to 600 s',
  },
  maxTurns: {
    kind: 'bound',
    ways: [{ env: {}, flag: { name: '--max-turns', value: (i) => String(i.maxTurns) } }],
    without: 'no turn limit; the run limit ends it',
  },
  tmpDir: {
    kind: 'isolation',
    ways: [{ env: { CLAUDE_CODE_TMPDIR: (i) => i.tmpDir } }],
    without: 'state under TMPDIR only (TMPDIR is the run’s own directory)',
  },
  sessionPersistence: {
    kind: 'isolation',
    ways: [{ env: {}, flag: { name: '--no-session-persistence' } }],
    without: 'the session is saved under the throwaway HOME',
  },
  nonEssentialTraffic: quiet('CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC', 'non-essential requests may be sent'),
  telemetry: quiet('DISABLE_TELEMETRY', 'telemetry may be sent'),
  autoUpdater: quiet('DISABLE_AUTOUPDATER', 'the auto-updater may run'),
  errorReporting: quiet('DISABLE_ERROR_REPORTING', 'error reports may be sent'),
};

/** Names without which agent mode cannot drive a release at all (the proxy, print mode, containment). */
export const requiredNames: readonly string[] = [
  'ANTHROPIC_BASE_URL',
  'ANTHROPIC_AUTH_TOKEN',
  '--print',
  '--output-format',
  '--verbose',
  '--model',
  '--permission-mode',
  '--settings',
];

/** Scanned for the support table only; the harness does not set them (the proxy decides thinking). */
export const informationalNames: readonly string[] = [
  'CLAUDE_CODE_DISABLE_THINKING',
  'MAX_THINKING_TOKENS',
  'CLAUDE_ENABLE_STREAM_WATCHDOG',
];

/** The names a way needs in a release's code: its environment variables and its flag. */
export function wayNames(way: ControlWay): string[] {
  return [...Object.keys(way.env), ...(way.flag === undefined ? [] : [way.flag.name])];
}

/** Every name a release scan looks for. */
export function scannedNames(): string[] {
  const names = Object.values(controlTable).flatMap((spec) => spec.ways.flatMap(wayNames));
  return [...new Set([...requiredNames, ...names, ...informationalNames])];
}
