/** A benchmark task as loaded from `tasks/<id>/task.json`, validated and with paths resolved. */

export type ArtifactRole = 'implementation' | 'test';

/** One file the model is asked to write, and how to recognise its fenced block in an answer. */
export interface TaskArtifact {
  readonly role: ArtifactRole;
  /** File name the extracted block is written to, e.g. `lru_cache.py`. */
  readonly file: string;
  /** JavaScript regular expressions (applied with the `m` flag); any match recognises the block. */
  readonly recognise: readonly string[];
}

export interface TaskLimits {
  readonly pytestTimeoutSec: number;
  readonly agentTimeoutSec: number;
  readonly maxTurns: number;
}

export interface TaskDefinition {
  readonly id: string;
  readonly title: string;
  /** As written in task.json, relative to the task directory. */
  readonly promptFile: string;
  /** The prompt text, the same in raw and agent mode. */
  readonly prompt: string;
  /** Absolute task directory. */
  readonly dir: string;
  readonly artifacts: readonly TaskArtifact[];
  /** Absolute directory of the hidden reference tests. */
  readonly referenceDir: string;
  /** Modules the grader Python must import (checked before any run). */
  readonly pythonModules: readonly string[];
  readonly limits: TaskLimits;
  /** Agent mode records the smoke checks (files written, pytest ran, failure patched, …). */
  readonly smokeChecks: boolean;
  /** Expected implementation class name, when the task suggests one. */
  readonly implementationClassHint: string | null;
}
