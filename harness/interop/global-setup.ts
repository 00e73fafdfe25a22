/**
 * Before the interop suite: the llama-server binary and the tiny model must be there. Either missing
 * fails the suite with one line that says what to do (never a silent skip).
 */
import { repoRoot } from '../modes/environment.ts';
import { llamaServerBinary } from './test-kit/llama-server.ts';
import { findTinyModel } from './test-kit/tiny-model.ts';

export default async function setup(): Promise<void> {
  await llamaServerBinary();
  await findTinyModel(repoRoot);
}
