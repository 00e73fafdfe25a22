/** `pnpm bench --resume DIR` without --model: take the measured settings recorded in DIR. */

import type { DialectKind } from '../backends/types.ts';
import type { BackendKind, BenchSettings } from '../config/types.ts';
import type { Mode } from '../core/run.ts';
import type { Manifest } from '../modes/manifest.ts';

/** Rebuild settings from a manifest; flags the user gave that only affect output are kept. */
export function settingsFromManifest(
  manifest: Manifest,
  given: BenchSettings,
): { settings: BenchSettings; taskSelection: string } {
  const s = manifest.settings as Record<string, unknown>;
  const settings: BenchSettings = {
    ...given,
    models: s.models as string[],
    modes: s.modes as Mode[],
    backend: s.backend as BackendKind,
    dialect: s.dialect as DialectKind,
    baseUrl: (s.baseUrl as string | null) ?? given.baseUrl,
    repeat: s.repeat as number,
    numCtx: s.numCtx as number,
    maxTokens: s.maxTokens as number,
    temperature: s.temperature as number,
    think: s.think as boolean,
    timeoutSec: s.timeoutSec as number,
    maxTurns: s.maxTurns as number,
    rescue: s.rescue as boolean,
    measureFixability: s.measureFixability as boolean,
  };
  return { settings, taskSelection: (s.tasks as string[]).join(',') };
}
