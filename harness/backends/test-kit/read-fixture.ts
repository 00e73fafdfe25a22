/** Reads a recorded upstream body from `fixtures/backends/<dialect>/` (tests). */
import { readFile } from 'node:fs/promises';

/** The bytes of `fixtures/backends/<dialect>/<file>`. */
export function readBackendFixture(dialect: 'ollama' | 'openai' | 'anthropic', file: string): Promise<Uint8Array> {
  return readFile(new URL(`../../../fixtures/backends/${dialect}/${file}`, import.meta.url));
}
