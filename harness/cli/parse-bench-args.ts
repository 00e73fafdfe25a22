/** argv of `pnpm bench` → validated BenchSettings. Pure apart from reading the clock for --out. */

import path from 'node:path';
import { parseArgs } from 'node:util';
import type { DialectKind } from '../backends/types.ts';
import { benchDefaults, defaultBaseUrls } from '../config/defaults.ts';
import type { BackendKind, BenchSettings } from '../config/types.ts';
import { HarnessError } from '../core/errors.ts';
import type { Mode } from '../core/run.ts';
import { parseClaudeVersionSpecs, specLabel } from '../modes/agent/claude-releases/version-spec.ts';
import { proxyDefaults } from '../proxy/options.ts';
import { simFlavours } from '../sim/types.ts';

const backendKinds: readonly BackendKind[] = ['ollama', 'anthropic', 'openai', 'sim'];
const dialectKinds: readonly DialectKind[] = ['ollama', 'anthropic', 'openai'];

export const benchOptionSpec = {
  model: { type: 'string' },
  task: { type: 'string' },
  mode: { type: 'string' },
  backend: { type: 'string' },
  'base-url': { type: 'string' },
  out: { type: 'string' },
  repeat: { type: 'string' },
  'num-ctx': { type: 'string' },
  'max-tokens': { type: 'string' },
  temperature: { type: 'string' },
  timeout: { type: 'string' },
  'max-turns': { type: 'string' },
  rescue: { type: 'boolean' },
  think: { type: 'boolean' },
  'no-fixability': { type: 'boolean' },
  python: { type: 'string' },
  'claude-bin': { type: 'string' },
  'claude-version': { type: 'string' },
  'sim-dialect': { type: 'string' },
  'sim-server': { type: 'string' },
  'loop-limit': { type: 'string' },
  resume: { type: 'string' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function usageError(message: string): HarnessError {
  return new HarnessError('USAGE', message);
}

/** Parse a positive integer flag, or throw a one-line usage error naming the flag. */
export function positiveInt(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw usageError(`--${flag} must be a positive whole number, got "${value}".`);
  }
  return Number(value);
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw usageError(`--${flag} must be one of ${allowed.join(', ')}; got "${value}".`);
  }
  return value as T;
}

/** --loop-limit N: stop a conversation after N identical turns in a row; 0 never stops. */
export function loopLimit(value: string | undefined): number {
  if (value === undefined) return proxyDefaults.loopLimit;
  if (!/^\d+$/.test(value))
    throw usageError(`--loop-limit must be a whole number ≥ 0 (0: never stop); got "${value}".`);
  return Number(value);
}

/** One line from a node:util parseArgs error. */
export function describeParseError(error: Error): string {
  const ambiguous = /Option '(--[\w-]+)[^']*' argument is ambiguous/.exec(error.message);
  if (ambiguous) return `${ambiguous[1]} needs a value, and values may not start with "-".`;
  const missing = /Option '(--[\w-]+) <value>' argument missing/.exec(error.message);
  if (missing) return `${missing[1]} needs a value.`;
  return error.message.split('\n')[0] ?? String(error);
}

/** A directory-name-safe form of a model name (gemma4:26b → gemma4-26b). */
export function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'model';
}

/** results/<UTC timestamp>-<first model>, e.g. results/20261122T101500Z-gemma4-26b */
export function defaultOutDir(firstModel: string, now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return path.join('results', `${stamp}-${safeName(firstModel)}`);
}

/** --claude-version → its entries as labels ('pinned', 'latest', '2.1.85'); [] when not given. */
function parseClaudeVersionFlag(value: string | undefined, modes: readonly Mode[]): string[] {
  if (value === undefined) return [];
  if (!modes.includes('agent')) throw usageError('--claude-version only applies to agent mode (--mode agent or both).');
  const parsed = parseClaudeVersionSpecs(value);
  if (!parsed.ok) throw usageError(parsed.problem);
  return parsed.specs.map(specLabel);
}

export interface ParsedBench {
  settings: BenchSettings;
  help: boolean;
  /** The task selection as given (validated against the task folder by the bench). */
  taskSelection: string;
  /** True when --resume was given without --model: settings come from the resumed directory. */
  settingsFromResume: boolean;
}

/** node:util parseArgs over the bench's flags, with its inferred types; a parse error is one usage line. */
function parseFlags(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: benchOptionSpec, strict: true, allowPositionals: true });
  } catch (error) {
    throw usageError(describeParseError(error instanceof Error ? error : new Error(String(error))));
  }
}

type BenchFlags = ReturnType<typeof parseFlags>['values'];

/** --model → the names in order; required unless --help or --resume. */
function parseModels(flags: BenchFlags): string[] {
  const models = (flags.model ?? '')
    .split(',')
    .map((m) => m.trim())
    .filter((m) => m.length > 0);
  if (models.length === 0 && flags.help !== true && flags.resume === undefined) {
    throw usageError('--model is required (one or more names, comma-separated), e.g. --model qwen3-coder:30b.');
  }
  if (new Set(models).size !== models.length) throw usageError('--model lists a model twice.');
  return models;
}

/** --backend, --sim-dialect, --sim-server and --base-url → the backend, the dialect spoken and the URL. */
function parseBackend(flags: BenchFlags): Pick<BenchSettings, 'backend' | 'dialect' | 'baseUrl' | 'simServer'> {
  const backend = oneOf('backend', flags.backend, backendKinds, benchDefaults.backend);
  const simDialect = oneOf('sim-dialect', flags['sim-dialect'], dialectKinds, 'ollama');
  const simServer = oneOf('sim-server', flags['sim-server'], simFlavours, 'ollama');
  for (const flag of ['sim-dialect', 'sim-server'] as const) {
    if (flags[flag] !== undefined && backend !== 'sim') throw usageError(`--${flag} only applies with --backend sim.`);
  }
  const dialect: DialectKind = backend === 'sim' ? simDialect : backend;
  const given = flags['base-url'];
  if (given === undefined) {
    const baseUrl = defaultBaseUrls[backend];
    if (baseUrl === null && backend !== 'sim') {
      throw usageError(
        `--backend ${backend} needs --base-url (e.g. http://localhost:1234 for LM Studio, http://localhost:8080 for llama-server).`,
      );
    }
    return { backend, dialect, baseUrl, simServer };
  }
  if (backend === 'sim')
    throw usageError('--base-url does not apply to --backend sim (the scripted server starts in-process).');
  const url = URL.canParse(given) ? new URL(given) : null;
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw usageError(`--base-url must be an http(s) URL such as http://localhost:11434; got "${given}".`);
  }
  return { backend, dialect, baseUrl: url.toString().replace(/\/+$/, ''), simServer };
}

function parseTemperature(value: string | undefined): number {
  const temperature = value === undefined ? benchDefaults.temperature : Number(value);
  if (!Number.isFinite(temperature) || temperature < 0 || temperature > 2) {
    throw usageError(`--temperature must be a number from 0 to 2; got "${value}".`);
  }
  return temperature;
}

/** Parse and validate `pnpm bench` flags. Throws HarnessError('USAGE') with one line. */
export function parseBenchArgs(argv: readonly string[], now: Date = new Date()): ParsedBench {
  const { values: flags, positionals } = parseFlags(argv);
  if (positionals.length > 0) throw usageError(`Unexpected argument "${positionals[0]}".`);
  const resumeDir = flags.resume ?? null;
  const models = parseModels(flags);
  const taskSelection = flags.task ?? benchDefaults.task;
  if (!/^[a-z0-9-]+(,[a-z0-9-]+)*$/.test(taskSelection)) {
    throw usageError(`--task must be a task id (lru-cache, fastapi-smoke) or all; got "${taskSelection}".`);
  }
  const mode = oneOf('mode', flags.mode, ['raw', 'agent', 'both'] as const, benchDefaults.mode);
  const modes: Mode[] = mode === 'both' ? ['raw', 'agent'] : [mode];
  const backend = parseBackend(flags);
  const claudeVersions = parseClaudeVersionFlag(flags['claude-version'], modes);
  const settings: BenchSettings = {
    models,
    tasks: [],
    modes,
    ...backend,
    outDir: flags.out ?? resumeDir ?? (models[0] ? defaultOutDir(models[0], now) : 'results'),
    repeat: positiveInt('repeat', flags.repeat, benchDefaults.repeat),
    numCtx: positiveInt('num-ctx', flags['num-ctx'], benchDefaults.numCtx),
    maxTokens: positiveInt('max-tokens', flags['max-tokens'], benchDefaults.maxTokens),
    temperature: parseTemperature(flags.temperature),
    think: flags.think === true,
    timeoutSec: positiveInt('timeout', flags.timeout, benchDefaults.timeoutSec),
    maxTurns: positiveInt('max-turns', flags['max-turns'], benchDefaults.maxTurns),
    limitsGiven: { timeout: flags.timeout !== undefined, maxTurns: flags['max-turns'] !== undefined },
    rescue: flags.rescue === true,
    loopLimit: loopLimit(flags['loop-limit']),
    measureFixability: flags['no-fixability'] !== true,
    python: flags.python ?? null,
    claudeVersions,
    claudeBin: flags['claude-bin'] ?? null,
    resumeDir,
    debug: flags.debug === true,
  };
  const help = flags.help === true;
  return { settings, help, taskSelection, settingsFromResume: resumeDir !== null && models.length === 0 };
}
