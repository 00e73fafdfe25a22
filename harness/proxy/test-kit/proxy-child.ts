/**
 * A proxy in a process of its own, for tests that measure the proxy's memory: started with
 * `fork`, it sends `{ url }` over IPC once listening and serves until killed. No upstream is
 * needed by those tests (bodies are refused before any upstream call).
 */
import { defaultProxyOptions } from '../options.ts';
import { startProxy } from '../server.ts';

const proxy = await startProxy(defaultProxyOptions({ dialect: 'anthropic', baseUrl: 'http://127.0.0.1:9' }));
process.send?.({ url: proxy.url });
