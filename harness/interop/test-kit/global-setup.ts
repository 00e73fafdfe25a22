/**
 * Before the interop suite: the llama-server build (binary and chat template) and the tiny model must be there. Either missing
 * fails the suite with one line that says what to do (never a silent skip).
 */
import { repoRoot } from '../../modes/environment.ts';
import { llamaServerBuild } from './llama-server.ts';
import { findTinyModel } from './tiny-model.ts';

export default async function setup(): Promise<void> {
  await llamaServerBuild();
  await findTinyModel(repoRoot);
}
