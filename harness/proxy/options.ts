/** Proxy options: defaults for everything but dialect and upstream, and validation at the edge. */

import { defaultStripFields } from '../backends/index.ts';
import type { DialectKind, DialectSettings } from '../backends/types.ts';
import { HarnessError } from '../core/errors.ts';
import type { ProxyOptions } from './types.ts';

/** What a caller must say (dialect, upstream) plus anything it wants to change. */
export type ProxyOptionsInput = Partial<Omit<ProxyOptions, 'settings' | 'dialect' | 'baseUrl'>> & {
  dialect: DialectKind;
  baseUrl: string;
  settings?: Partial<DialectSettings>;
};

export const proxyDefaults = {
  rescue: false,
  maxConcurrency: 1,
  pingIntervalMs: 10_000,
  port: 0,
  numCtx: 32_768,
  loopLimit: 4,
  // Anthropic's limit for Messages and count_tokens requests (docs.anthropic.com/en/api/overview).
  maxBodyBytes: 32 * 1024 * 1024,
} as const;

/**
 * Complete options: rescue off, one upstream request at a time, pings every 10 s, housekeeping
 * answered locally, records in memory only, a free port, loops stopped at 4 repeats, the
 * server's context size unknown, request bodies up to 32 MB.
 */
export function defaultProxyOptions(partial: ProxyOptionsInput): ProxyOptions {
  const settings: DialectSettings = {
    numCtx: proxyDefaults.numCtx,
    think: false,
    maxTokensCap: null,
    modelOverride: null,
    stripFields: defaultStripFields,
    ...partial.settings,
  };
  return {
    rescue: proxyDefaults.rescue,
    maxConcurrency: proxyDefaults.maxConcurrency,
    pingIntervalMs: proxyDefaults.pingIntervalMs,
    housekeeping: { kind: 'local' },
    logFile: null,
    port: proxyDefaults.port,
    loopLimit: proxyDefaults.loopLimit,
    contextTokens: null,
    maxBodyBytes: proxyDefaults.maxBodyBytes,
    ...partial,
    settings,
  };
}

/** Throws HarnessError USAGE naming the bad option and how to fix it. */
export function validateProxyOptions(options: ProxyOptions): void {
  const fail = (message: string): never => {
    throw new HarnessError('USAGE', message);
  };
  let url: URL | null = null;
  try {
    url = new URL(options.baseUrl);
  } catch {
    url = null;
  }
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    fail(`Upstream URL "${options.baseUrl}" is not an http(s) URL; pass --base-url like http://localhost:11434.`);
  }
  if (!Number.isInteger(options.maxConcurrency) || options.maxConcurrency < 1) {
    fail(
      `maxConcurrency must be a whole number ≥ 1 (got ${options.maxConcurrency}); 1 serialises requests as local backends need.`,
    );
  }
  if (!(options.pingIntervalMs > 0) || !Number.isFinite(options.pingIntervalMs)) {
    fail(`pingIntervalMs must be a positive number of milliseconds (got ${options.pingIntervalMs}).`);
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65_535) {
    fail(`Port ${options.port} is not a TCP port; pass --port 0 for a free one or 1-65535.`);
  }
  if (!Number.isInteger(options.loopLimit) || options.loopLimit < 0) {
    fail(`loopLimit must be a whole number ≥ 0 (got ${options.loopLimit}); --loop-limit 0 never stops a loop.`);
  }
  if (options.contextTokens !== null && (!Number.isInteger(options.contextTokens) || options.contextTokens < 1)) {
    fail(`contextTokens must be a whole number of tokens ≥ 1, or null when unknown (got ${options.contextTokens}).`);
  }
  if (!Number.isInteger(options.maxBodyBytes) || options.maxBodyBytes < 1) {
    fail(`maxBodyBytes must be a whole number of bytes ≥ 1 (got ${options.maxBodyBytes}).`);
  }
  if (options.housekeeping.kind === 'upstream_model' && options.housekeeping.model.trim() === '') {
    fail('Housekeeping route upstream_model needs a model name; pass --housekeeping-model <name>.');
  }
}
