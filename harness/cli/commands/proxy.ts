/** `pnpm bench proxy …`: the proxy as a standalone product, in front of one backend. */
import { parseArgs } from 'node:util';
import { defaultStripFields, dialectFor } from '../../backends/index.ts';
import type { DialectKind } from '../../backends/types.ts';
import { benchDefaults, defaultBaseUrls } from '../../config/defaults.ts';
import { stderrLogger, systemClock } from '../../core/context.ts';
import { HarnessError } from '../../core/errors.ts';
import { formatProxyBanner, startProxy } from '../../proxy/index.ts';
import type { HousekeepingRoute } from '../../proxy/types.ts';
import { startSimServer } from '../../sim/server.ts';
import { positiveInt } from '../parse-bench-args.ts';

const dialects: readonly string[] = ['ollama', 'anthropic', 'openai', 'sim'];

export async function runProxyCommand(argv: string[]): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      options: {
        backend: { type: 'string' },
        'base-url': { type: 'string' },
        model: { type: 'string' },
        port: { type: 'string' },
        rescue: { type: 'boolean' },
        log: { type: 'string' },
        'num-ctx': { type: 'string' },
        think: { type: 'boolean' },
        'max-concurrency': { type: 'string' },
        housekeeping: { type: 'string' },
        'alias-file': { type: 'string', multiple: true },
        debug: { type: 'boolean' },
      },
    }).values as Record<string, string | boolean | undefined>;
  } catch (error) {
    throw new HarnessError('USAGE', (error as Error).message.split('\n')[0] ?? 'bad arguments');
  }
  const backend = (values.backend as string | undefined) ?? 'ollama';
  if (!dialects.includes(backend))
    throw new HarnessError('USAGE', `--backend must be one of ${dialects.join(', ')}; got "${backend}".`);
  const model = values.model as string | undefined;
  if (!model)
    throw new HarnessError(
      'USAGE',
      '--model is required: the backend model Claude Code should use, e.g. --model qwen3-coder:30b.',
    );
  const logger = stderrLogger(values.debug === true);

  let baseUrl =
    (values['base-url'] as string | undefined) ?? (backend === 'sim' ? null : defaultBaseUrls[backend as DialectKind]);
  const sim = backend === 'sim' ? await startSimServer({ port: 0 }) : null;
  if (sim) baseUrl = sim.url;
  if (!baseUrl) throw new HarnessError('USAGE', `--backend ${backend} needs --base-url.`);
  const dialect: DialectKind = backend === 'sim' ? 'ollama' : (backend as DialectKind);
  const numCtx = positiveInt('num-ctx', values['num-ctx'] as string | undefined, benchDefaults.numCtx);
  // Facts only: the proxy serves whatever client comes, so no agent-mode refusal.
  const preflight = await dialectFor(dialect).preflight(baseUrl, model, fetch, {
    agent: false,
    think: values.think === true,
    numCtx,
  });

  const hk = (values.housekeeping as string | undefined) ?? 'local';
  const housekeeping: HousekeepingRoute =
    hk === 'local' ? { kind: 'local' } : hk === 'model' ? { kind: 'model' } : { kind: 'upstream_model', model: hk };
  const options = {
    dialect,
    baseUrl,
    settings: {
      numCtx,
      think: values.think === true,
      maxTokensCap: null,
      modelOverride: model,
      stripFields: defaultStripFields,
      server: preflight.server,
    },
    rescue: values.rescue === true,
    maxConcurrency: positiveInt('max-concurrency', values['max-concurrency'] as string | undefined, 1),
    pingIntervalMs: 10_000,
    housekeeping,
    logFile: (values.log as string | undefined) ?? null,
    port: Number(positiveInt('port', values.port as string | undefined, benchDefaults.proxyPort)),
    aliasFiles: (values['alias-file'] as unknown as string[] | undefined) ?? [],
    clock: systemClock,
    logger,
  };
  const proxy = await startProxy(options);
  if (sim) process.stdout.write(`Scripted backend: the built-in sim server at ${sim.url} — not a real model.\n`);
  process.stdout.write(`${formatProxyBanner(proxy, options)}\n`);
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
