/**
 * Which server answers at a base URL, from one endpoint only that server has (each a cheap GET,
 * tried in this order): Ollama `/api/version` ({"version"}), llama-server `/props` (with
 * `default_generation_settings` / `build_info`, tools/server/server-context.cpp), vLLM `/version`
 * ({"version"}; Ollama has no such route), LM Studio `/api/v0/models` ({"data":[…]}). Never throws:
 * a server that answers none of them is `unknown`.
 */
import type { UpstreamServer } from '../types.ts';
import { isRecord } from './json.ts';
import { optionalPreflightJson } from './preflight-http.ts';

const probes: ReadonlyArray<readonly [UpstreamServer, string, (body: Record<string, unknown>) => boolean]> = [
  ['ollama', '/api/version', (body) => typeof body.version === 'string'],
  ['llama-server', '/props', (body) => 'default_generation_settings' in body || 'build_info' in body],
  ['vllm', '/version', (body) => typeof body.version === 'string'],
  ['lmstudio', '/api/v0/models', (body) => Array.isArray(body.data)],
];

/** The server at `baseUrl`, or `unknown`. */
export async function detectServer(baseUrl: string, fetchImpl: typeof fetch): Promise<UpstreamServer> {
  for (const [server, path, matches] of probes) {
    const body = await optionalPreflightJson(fetchImpl, baseUrl, path);
    if (isRecord(body) && matches(body)) return server;
  }
  return 'unknown';
}
