import type { ErrorObject } from 'ajv';
import { Ajv } from 'ajv';
import { HarnessError } from '../core/errors.ts';
import taskSchema from './task-schema.json' with { type: 'json' };
import type { ArtifactRole } from './types.ts';

/** task.json as written, after schema defaults are applied. */
export interface TaskJson {
  id: string;
  title: string;
  promptFile: string;
  artifacts: { role: ArtifactRole; file: string; recognise: string[] }[];
  referenceDir: string;
  pythonModules: string[];
  limits: { pytestTimeoutSec: number; agentTimeoutSec: number; maxTurns: number };
  smokeChecks: boolean;
  implementationClassHint?: string;
}

/**
 * Validate parsed task.json content against harness/tasks/task-schema.json (filling defaults)
 * plus the checks a schema cannot express: every `recognise` entry compiles as a regular
 * expression and there is exactly one implementation artifact and at most one test artifact.
 * Throws HarnessError CONFIG_INVALID naming `file` and the failing path.
 */
export function validateTaskJson(content: unknown, file: string): TaskJson {
  const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: true });
  const validate = ajv.compile<TaskJson>(taskSchema);
  if (!validate(content)) {
    throw invalid(file, describeAjvErrors(validate.errors ?? []));
  }
  const task = content;
  task.artifacts.forEach((artifact, i) => {
    artifact.recognise.forEach((pattern, j) => {
      try {
        new RegExp(pattern, 'm');
      } catch (error) {
        throw invalid(
          file,
          `/artifacts/${i}/recognise/${j} is not a valid regular expression (${(error as Error).message})`,
        );
      }
    });
  });
  const count = (role: ArtifactRole) => task.artifacts.filter((a) => a.role === role).length;
  if (count('implementation') !== 1) {
    throw invalid(file, `/artifacts must hold exactly one "implementation" artifact, found ${count('implementation')}`);
  }
  if (count('test') > 1) {
    throw invalid(file, `/artifacts may hold at most one "test" artifact, found ${count('test')}`);
  }
  return task;
}

function describeAjvErrors(errors: readonly ErrorObject[]): string {
  const first = errors[0];
  if (first === undefined) return 'does not match the task schema';
  const where = first.instancePath === '' ? '/' : first.instancePath;
  const extra =
    first.keyword === 'additionalProperties'
      ? ` ("${String((first.params as { additionalProperty?: string }).additionalProperty)}")`
      : first.keyword === 'enum'
        ? ` (${JSON.stringify((first.params as { allowedValues?: unknown }).allowedValues)})`
        : '';
  const more = errors.length > 1 ? ` (+${errors.length - 1} more)` : '';
  return `${where} ${first.message ?? 'is invalid'}${extra}${more}`;
}

function invalid(file: string, detail: string): HarnessError {
  return new HarnessError(
    'CONFIG_INVALID',
    `Invalid task definition ${file}: ${detail}. Fix the file (schema: harness/tasks/task-schema.json).`,
  );
}
