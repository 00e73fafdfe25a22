/**
 * The bench manifest (manifest.json in the output directory): what settings, task definitions and
 * Claude Code releases produced the runs there, so --resume can refuse to mix runs of different
 * settings. The file is validated where it is read (TypeBox schema, ajv), then trusted.
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import Type from 'typebox';
import type { DialectKind } from '../backends/types.ts';
import { defaultBaseUrls } from '../config/defaults.ts';
import type { BackendKind, BenchSettings } from '../config/types.ts';
import { HarnessError } from '../core/errors.ts';
import { isRecord, tryParseJson } from '../core/json.ts';
import { IsoTime, Mode } from '../core/run.ts';
import { simFlavours } from '../sim/types.ts';
import { compareVersions } from './agent/claude-releases/version-spec.ts';
import type { ClaudeRelease } from './context.ts';

const dialects = ['ollama', 'anthropic', 'openai'] as const satisfies readonly DialectKind[];
const Positive = Type.Integer({ minimum: 1 });

/** The settings that change what a run measures (not where results go or how they print). */
export const MeasuredSettings = Type.Object(
  {
    models: Type.Array(Type.String({ minLength: 1 })),
    tasks: Type.Array(Type.String({ minLength: 1 })),
    modes: Type.Array(Mode),
    backend: Type.Enum(Object.keys(defaultBaseUrls) as BackendKind[]),
    dialect: Type.Enum([...dialects]),
    /** Null for the scripted backend, whose port changes every start. */
    baseUrl: Type.Union([Type.String(), Type.Null()]),
    repeat: Positive,
    numCtx: Positive,
    maxTokens: Positive,
    temperature: Type.Number({ minimum: 0 }),
    think: Type.Boolean(),
    timeoutSec: Positive,
    maxTurns: Positive,
    rescue: Type.Boolean(),
    measureFixability: Type.Boolean(),
    loopLimit: Type.Integer({ minimum: 0 }),
    simServer: Type.Enum([...simFlavours]),
  },
  { additionalProperties: false },
);
export type MeasuredSettings = Type.Static<typeof MeasuredSettings>;

/** One Claude Code release the bench drives, as resolved before the first run. */
export const RecordedRelease = Type.Object(
  {
    version: Type.String({ minLength: 1 }),
    /** What named it: --claude-version entries ('pinned', 'latest', '2.1.85'), or '--claude-bin'. */
    requested: Type.Array(Type.String()),
    source: Type.Enum(['project', 'cache', 'installed', 'explicit'] satisfies ClaudeRelease['source'][]),
    bin: Type.String({ minLength: 1 }),
  },
  { additionalProperties: false },
);
export type RecordedRelease = Type.Static<typeof RecordedRelease>;

export const Manifest = Type.Object(
  {
    manifestVersion: Type.Literal(2),
    settingsHash: Type.String({ minLength: 1 }),
    settings: MeasuredSettings,
    /** Which of --timeout and --max-turns the user gave (the others come from each task). */
    limitsGiven: Type.Object({ timeout: Type.Boolean(), maxTurns: Type.Boolean() }, { additionalProperties: false }),
    taskFingerprints: Type.Record(Type.String(), Type.String()),
    /** The releases agent runs drive, in the order run ([] without agent mode). */
    claudeCode: Type.Array(RecordedRelease),
    startedAt: IsoTime,
  },
  { additionalProperties: false },
);
export type Manifest = Type.Static<typeof Manifest>;

// Compiled once; the validator is never reconfigured.
const validateManifest = new Ajv2020({ allErrors: false }).compile<Manifest>(Manifest);

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
    loopLimit: settings.loopLimit,
    simServer: settings.simServer,
  };
}

/**
 * sha256 over the measured settings and the task fingerprints (stable key order). The Claude Code
 * releases are not in it: they are an axis of the runs, like the models.
 */
export function settingsHash(settings: BenchSettings, taskFingerprints: Record<string, string>): string {
  const canonical = JSON.stringify({ settings: measuredSettings(settings), tasks: sortKeys(taskFingerprints) });
  return createHash('sha256').update(canonical).digest('hex');
}

function sortKeys(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

export function buildManifest(
  settings: BenchSettings,
  taskFingerprints: Record<string, string>,
  releases: readonly ClaudeRelease[],
  startedAt: string,
): Manifest {
  return {
    manifestVersion: 2,
    settingsHash: settingsHash(settings, taskFingerprints),
    settings: measuredSettings(settings),
    limitsGiven: { ...settings.limitsGiven },
    taskFingerprints: sortKeys(taskFingerprints),
    claudeCode: releases.map((r) => ({
      version: r.version,
      requested: [...r.requested],
      source: r.source,
      bin: r.bin,
    })),
    startedAt,
  };
}

export async function writeManifest(dir: string, manifest: Manifest): Promise<void> {
  await writeFile(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Read DIR/manifest.json or explain in one line why DIR cannot be resumed. */
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
  return parseManifest(text, dir);
}

/** A manifest from its text, validated; throws RESUME_MISMATCH with one line naming what is wrong. */
export function parseManifest(text: string, dir: string): Manifest {
  const refuse = (why: string): HarnessError =>
    new HarnessError('RESUME_MISMATCH', `Cannot resume ${dir}: ${why}. Start a new bench with a fresh --out.`);
  const parsed = tryParseJson(text);
  if (!parsed.ok) throw refuse('its manifest.json is not JSON');
  const json = parsed.value;
  if (isRecord(json) && json.manifestVersion !== 2 && typeof json.manifestVersion === 'number') {
    throw refuse(`its manifest.json is version ${json.manifestVersion}, from an older harness (this one writes 2)`);
  }
  if (!validateManifest(json)) {
    const error = validateManifest.errors?.[0];
    const where = error === undefined || error.instancePath === '' ? '(root)' : error.instancePath;
    throw refuse(`its manifest.json is not one this harness wrote (${where} ${error?.message ?? 'is invalid'})`);
  }
  return json;
}

/**
 * Names what differs between a recorded manifest and the current one; empty when they match.
 * Pure: used to refuse --resume with a message that says which setting, task or release changed.
 */
export function manifestDifferences(recorded: Manifest, current: Manifest): string[] {
  const diffs: string[] = [];
  const compared = (m: Manifest): Record<string, unknown> => ({ ...m.settings, limitsGiven: m.limitsGiven });
  const [before, now] = [compared(recorded), compared(current)];
  for (const key of new Set([...Object.keys(before), ...Object.keys(now)])) {
    const a = JSON.stringify(before[key]);
    const b = JSON.stringify(now[key]);
    if (a !== b) diffs.push(`${key} was ${a ?? 'unset'}, now ${b ?? 'unset'}`);
  }
  const tasks = new Set([...Object.keys(recorded.taskFingerprints), ...Object.keys(current.taskFingerprints)]);
  for (const task of tasks) {
    if (recorded.taskFingerprints[task] !== current.taskFingerprints[task])
      diffs.push(`task ${task} definition changed`);
  }
  return [...diffs, ...releaseDifferences(recorded.claudeCode, current.claudeCode)];
}

/** The resolved versions (in version order) and the --claude-bin binary, each named when it changed. */
function releaseDifferences(recorded: readonly RecordedRelease[], current: readonly RecordedRelease[]): string[] {
  const versions = (releases: readonly RecordedRelease[]): string =>
    releases
      .map((r) => r.version)
      .sort(compareVersions)
      .join(', ') || 'none';
  const explicitBin = (releases: readonly RecordedRelease[]): string =>
    releases.find((r) => r.source === 'explicit')?.bin ?? 'unset';
  const diffs: string[] = [];
  if (versions(recorded) !== versions(current))
    diffs.push(`Claude Code releases were ${versions(recorded)}, now ${versions(current)}`);
  if (explicitBin(recorded) !== explicitBin(current))
    diffs.push(`--claude-bin was ${explicitBin(recorded)}, now ${explicitBin(current)}`);
  return diffs;
}
