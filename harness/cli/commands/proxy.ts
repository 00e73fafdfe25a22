/** `pnpm bench proxy …`: the proxy as a standalone product, in front of one backend. */
import { dialectFor } from '../../backends/index.ts';
import type { DialectKind } from '../../backends/types.ts';
import { benchDefaults, defaultBaseUrls } from '../../config/defaults.ts';
import { stderrLogger, systemClock } from '../../core/context.ts';
import { HarnessError } from '../../core/errors.ts';
import { defaultProxyOptions, formatProxyBanner, startProxy } from '../../proxy/index.ts';
import type { HousekeepingRoute } from '../../proxy/types.ts';
import { startSimServer } from '../../sim/server.ts';
import { subcommands } from '../command-table.ts';
import { loopLimit, positiveInt } from '../parse-bench-args.ts';
import { parseCommandArgs } from '../parse-command-args.ts';

const dialects: readonly string[] = ['ollama', 'anthropic', 'openai', 'sim'];

/** Parses argv (strict), starts the proxy and serves until SIGINT/SIGTERM. */
export async function runProxyCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, subcommands.proxy);
  const backend = values.backend ?? 'ollama';
  if (!dialects.includes(backend))
    throw new HarnessError('USAGE', `--backend must be one of ${dialects.join(', ')}; got "${backend}".`);
  const model = values.model;
  if (!model)
    throw new HarnessError(
      'USAGE',
      '--model is required: the backend model Claude Code should use, e.g. --model qwen3-coder:30b.',
    );
  const logger = stderrLogger(values.debug === true);

  let baseUrl = values['base-url'] ?? (backend === 'sim' ? null : defaultBaseUrls[backend as DialectKind]);
  const sim = backend === 'sim' ? await startSimServer({ port: 0 }) : null;
  if (sim) baseUrl = sim.url;
  if (!baseUrl) throw new HarnessError('USAGE', `--backend ${backend} needs --base-url.`);
  const dialect: DialectKind = backend === 'sim' ? 'ollama' : (backend as DialectKind);
  const numCtx = positiveInt('num-ctx', values['num-ctx'], benchDefaults.numCtx);
  // Facts only: the proxy serves whatever client comes, so no agent-mode refusal.
  const preflight = await dialectFor(dialect).preflight(baseUrl, model, fetch, {
    agent: false,
    think: values.think === true,
    numCtx,
  });

  const hk = values.housekeeping ?? 'local';
  const housekeeping: HousekeepingRoute =
    hk === 'local' ? { kind: 'local' } : hk === 'model' ? { kind: 'model' } : { kind: 'upstream_model', model: hk };
  const proxyOptions = defaultProxyOptions({
    dialect,
    baseUrl,
    settings: {
      numCtx,
      think: values.think === true,
      modelOverride: model,
      server: preflight.server,
    },
    rescue: values.rescue === true,
    maxConcurrency: positiveInt('max-concurrency', values['max-concurrency'], 1),
    housekeeping,
    logFile: values.log ?? null,
    port: positiveInt('port', values.port, benchDefaults.proxyPort),
    aliasFiles: values['alias-file'] ?? [],
    loopLimit: loopLimit(values['loop-limit']),
    clock: systemClock,
    logger,
  });
  const proxy = await startProxy(proxyOptions);
  if (sim) process.stdout.write(`Scripted backend: the built-in sim server at ${sim.url} — not a real model.\n`);
  process.stdout.write(`${formatProxyBanner(proxy, proxyOptions)}\n`);
  if (preflight.version) process.stdout.write(`Backend version: ${preflight.version}\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await proxy.close();
  await sim?.close();
  return 0;
}
