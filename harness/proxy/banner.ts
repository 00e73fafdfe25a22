/** The standalone proxy's start-up banner: where it listens, where it forwards, how to use it. */
import { claudeCodeEnv } from './claude-code-env.ts';
import type { ProxyHandle, ProxyOptions } from './types.ts';

/** Lines to print when `pnpm bench proxy` starts (no trailing newline). */
export function formatProxyBanner(handle: Pick<ProxyHandle, 'url'>, options: ProxyOptions): string {
  const model = options.settings.modelOverride;
  const housekeeping =
    options.housekeeping.kind === 'upstream_model'
      ? `sent to ${options.housekeeping.model}`
      : options.housekeeping.kind === 'local'
        ? 'answered by the proxy'
        : 'sent to the model';
  const lines = [
    `Anthropic Messages proxy on ${handle.url} → ${options.dialect} at ${options.baseUrl}`,
    `  model      ${model ?? '(as requested by the client; pass --model to map claude-* names)'}`,
    `  rescue     ${options.rescue ? 'on (tool names/params rewritten when that validates; template tokens stripped)' : 'off'}`,
    `  requests   ${options.maxConcurrency} upstream at a time, others queued`,
    `  background ${housekeeping} (titles, quota probes, haiku-class requests)`,
    `  loops      ${loopLine(options.loopLimit)}`,
    `  log        ${options.logFile ?? 'in memory only'}`,
    '',
    'Point Claude Code at it:',
    ...Object.entries(claudeCodeEnv(handle.url, model ?? '<model>')).map(
      ([name, value]) => `  export ${name}=${shellQuote(value)}`,
    ),
    `  claude${model === null ? '' : ` --model ${shellQuote(model)}`}`,
  ];
  return lines.join('\n');
}

function loopLine(limit: number): string {
  return limit === 0 ? 'recorded, never stopped' : `stopped after ${limit} identical turns in a row (--loop-limit)`;
}

function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}
