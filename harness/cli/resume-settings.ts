/** `pnpm bench --resume DIR` without --model: take the measured settings recorded in DIR. */

import type { BenchSettings } from '../config/types.ts';
import type { Manifest } from '../modes/manifest.ts';

/**
 * Rebuild settings from a (validated) manifest; flags the user gave that only affect output are
 * kept. The Claude Code releases are the exact versions recorded, so a bench started with
 * `latest` resumes on the release it started with, not on a newer one.
 */
export function settingsFromManifest(
  manifest: Manifest,
  given: BenchSettings,
): { settings: BenchSettings; taskSelection: string } {
  const { tasks, baseUrl, ...measured } = manifest.settings;
  const explicit = manifest.claudeCode.find((r) => r.source === 'explicit');
  const settings: BenchSettings = {
    ...given,
    ...measured,
    baseUrl: baseUrl ?? given.baseUrl,
    limitsGiven: manifest.limitsGiven,
    claudeVersions: manifest.claudeCode.filter((r) => r.source !== 'explicit').map((r) => r.version),
    claudeBin: explicit?.bin ?? null,
  };
  return { settings, taskSelection: tasks.join(',') };
}
