/**
 * The bench manifest (manifest.json in the output directory): what settings and task definitions
 * produced the runs there, so --resume can refuse to mix runs of different settings.
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BenchSettings } from '../config/types.ts';
import { HarnessError } from '../core/errors.ts';

/** The settings that change what a run measures (not where results go or how they print). */
export interface MeasuredSettings {
  models: string[];
  tasks: string[];
  modes: BenchSettings['modes'][number][];
  backend: BenchSettings['backend'];
  dialect: BenchSettings['dialect'];
  baseUrl: string | null;
  repeat: number;
  numCtx: number;
  maxTokens: number;
  temperature: number;
  think: boolean;
  timeoutSec: number;
  maxTurns: number;
  rescue: boolean;
  measureFixability: boolean;
}

export function measuredSettings(settings: BenchSettings): MeasuredSettings {
  return {
    models: [...settings.models],
    tasks: [...settings.tasks],
    modes: [...settings.modes],
    backend: settings.backend,
    dialect: settings.dialect,
    // The sim's port changes every start; real backends' URLs matter.
    baseUrl: settings.backend === 'sim' ? null : settings.baseUrl,
    repeat: settings.repeat,
    numCtx: settings.numCtx,
    maxTokens: settings.maxTokens,
    temperature: settings.temperature,
    think: settings.think,
    timeoutSec: settings.timeoutSec,
    maxTurns: settings.maxTurns,
    rescue: settings.rescue,
    measureFixability: settings.measureFixability,
  };
}

/** sha256 over the measured settings and the task fingerprints (stable key order). */
export function settingsHash(settings: BenchSettings, taskFingerprints: Record<string, string>): string {
  const canonical = JSON.stringify({ settings: measuredSettings(settings), tasks: sortKeys(taskFingerprints) });
  return createHash('sha256').update(canonical).digest('hex');
}

function sortKeys(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

export interface Manifest {
  manifestVersion: 1;
  settingsHash: string;
  settings: Record<string, unknown>;
  taskFingerprints: Record<string, string>;
  startedAt: string;
}

export function buildManifest(
  settings: BenchSettings,
  taskFingerprints: Record<string, string>,
  startedAt: string,
): Manifest {
  return {
    manifestVersion: 1,
    settingsHash: settingsHash(settings, taskFingerprints),
    settings: { ...measuredSettings(settings) },
    taskFingerprints: sortKeys(taskFingerprints),
    startedAt,
  };
}

export async function writeManifest(dir: string, manifest: Manifest): Promise<void> {
  await writeFile(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Read DIR/manifest.json or explain why DIR cannot be resumed. */
export async function readManifest(dir: string): Promise<Manifest> {
  const file = path.join(dir, 'manifest.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new HarnessError(
      'RESUME_MISMATCH',
      `Cannot resume ${dir}: it has no manifest.json (was it written by pnpm bench?).`,
    );
  }
  try {
    const parsed = JSON.parse(text) as Manifest;
    if (parsed.manifestVersion !== 1 || typeof parsed.settingsHash !== 'string') throw new Error('shape');
    return parsed;
  } catch {
    throw new HarnessError(
      'RESUME_MISMATCH',
      `Cannot resume ${dir}: ${file} is corrupt. Start a new bench with a fresh --out.`,
    );
  }
}

/**
 * Names what differs between a recorded manifest and the current one; empty when they match.
 * Pure: used to refuse --resume with a message that says which setting or task changed.
 */
export function manifestDifferences(recorded: Manifest, current: Manifest): string[] {
  const diffs: string[] = [];
  const keys = new Set([...Object.keys(recorded.settings), ...Object.keys(current.settings)]);
  for (const key of keys) {
    const a = JSON.stringify(recorded.settings[key]);
    const b = JSON.stringify(current.settings[key]);
    if (a !== b) diffs.push(`${key} was ${a ?? 'unset'}, now ${b ?? 'unset'}`);
  }
  const tasks = new Set([...Object.keys(recorded.taskFingerprints), ...Object.keys(current.taskFingerprints)]);
  for (const task of tasks) {
    if (recorded.taskFingerprints[task] !== current.taskFingerprints[task])
      diffs.push(`task ${task} definition changed`);
  }
  return diffs;
}
