/** A proxy in front of a fake upstream, with the fake dialect, for in-process tests. */
import type { Dialect } from '../../backends/types.ts';
import { defaultProxyOptions, type ProxyOptionsInput } from '../options.ts';
import { startProxy } from '../server.ts';
import type { ProxyHandle } from '../types.ts';
import { type FakeDialectOptions, fakeDialect } from './fake-dialect.ts';
import { type FakeUpstream, startFakeUpstream, type UpstreamScript } from './fake-upstream.ts';

export interface TestProxy {
  proxy: ProxyHandle;
  upstream: FakeUpstream;
  close(): Promise<void>;
}

/** Starts the fake upstream and a proxy (model "local-model", short pings unless overridden). */
export async function startTestProxy(
  script: UpstreamScript,
  options: Partial<ProxyOptionsInput> = {},
  dialectOptions: FakeDialectOptions = {},
): Promise<TestProxy> {
  return startTestProxyWith(fakeDialect(dialectOptions), script, options);
}

/** The same with a given dialect (a real one from harness/backends, say). */
export async function startTestProxyWith(
  dialect: Dialect,
  script: UpstreamScript,
  options: Partial<ProxyOptionsInput> = {},
): Promise<TestProxy> {
  const upstream = await startFakeUpstream(script);
  const proxy = await startProxy(
    defaultProxyOptions({
      dialect: dialect.kind,
      baseUrl: upstream.url,
      settings: { modelOverride: 'local-model' },
      ...options,
    }),
    dialect,
  );
  return {
    proxy,
    upstream,
    async close() {
      await proxy.close();
      await upstream.close();
    },
  };
}
