/** Recorded upstream error answers (`fixtures/backends/errors/*.json`: source, status, body) for the decoder tests. */
import { readdirSync, readFileSync } from 'node:fs';

export interface ErrorFixture {
  /** The file name, e.g. `vllm-output-budget.json`. */
  name: string;
  /** Where the shape comes from (repository, file, commit). */
  source: string;
  status: number;
  /** The body exactly as the server sends it. */
  body: string;
}

const dir = new URL('../../../fixtures/backends/errors/', import.meta.url);

/** Every recorded error answer, by file name. */
export function errorFixtures(): Record<string, ErrorFixture> {
  const out: Record<string, ErrorFixture> = {};
  for (const name of readdirSync(dir).filter((file) => file.endsWith('.json'))) {
    const { source, status, body } = JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as Omit<ErrorFixture, 'name'>;
    out[name] = { name, source, status, body };
  }
  return out;
}
