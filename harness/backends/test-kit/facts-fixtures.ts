/** Recorded (or source-derived) server answers under `fixtures/backends/<server>/facts/`, for tests. */
import { readFileSync } from 'node:fs';

/** The servers whose answers are kept as facts fixtures. */
export type FactsFixtureServer = 'ollama' | 'llama-server' | 'vllm' | 'lm-studio';

/** One fixture: where it came from, the endpoint that answered, and the answer's body. */
export interface FactsFixture {
  source: string;
  endpoint: string;
  body: unknown;
}

/** Reads `fixtures/backends/<server>/facts/<file>`. */
export function factsFixture(server: FactsFixtureServer, file: string): FactsFixture {
  const url = new URL(`../../../fixtures/backends/${server}/facts/${file}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as FactsFixture;
}

/** Just the body of a fixture. */
export function factsBody(server: FactsFixtureServer, file: string): unknown {
  return factsFixture(server, file).body;
}
