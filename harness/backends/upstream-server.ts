/** The server behind a dialect at start-up: the ollama dialect is Ollama; the others are asked (detect-server.ts). */
import { detectServer } from './shared/detect-server.ts';
import type { DialectKind, UpstreamServer } from './types.ts';

/** Which server speaks `kind` at `baseUrl`; `unknown` when it cannot be told. Never throws. */
export function upstreamServer(kind: DialectKind, baseUrl: string, fetchImpl: typeof fetch): Promise<UpstreamServer> {
  return kind === 'ollama' ? Promise.resolve('ollama') : detectServer(baseUrl, fetchImpl);
}
