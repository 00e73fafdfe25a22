/**
 * Validates tool inputs against the `input_schema` the request itself offered. Claude Code's
 * schemas are JSON Schema 2020-12; each distinct schema is compiled once (cached by its JSON).
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { Logger } from '../core/context.ts';
import { silentLogger } from '../core/context.ts';

export interface SchemaCheck {
  valid: boolean;
  /** Required keys that are absent (top level and nested, by name). */
  missing: string[];
  /** Keys rejected by `additionalProperties: false`. */
  unexpected: string[];
  /** ajv's messages, prefixed with the instance path. */
  errors: string[];
}

export interface SchemaValidator {
  check(schema: unknown, input: unknown): SchemaCheck;
}

const passes: SchemaCheck = { valid: true, missing: [], unexpected: [], errors: [] };

/** A validator with its own ajv instance and compile cache (one per proxy). */
export function createSchemaValidator(logger: Logger = silentLogger): SchemaValidator {
  // Without meta-schemas ajv starts in under a millisecond instead of ~150 ms; tool schemas are
  // taken as given (a schema ajv cannot compile is not validated at all, see below).
  const ajv = new Ajv2020({
    strict: false,
    allErrors: true,
    validateFormats: false,
    logger: false,
    meta: false,
    validateSchema: false,
  });
  const byText = new Map<string, ValidateFunction | null>();
  const byObject = new WeakMap<object, ValidateFunction | null>();

  const compile = (schema: unknown): ValidateFunction | null => {
    if (typeof schema !== 'object' || schema === null) return null;
    const known = byObject.get(schema);
    if (known !== undefined) return known;
    const text = JSON.stringify(schema);
    let validate = byText.get(text);
    if (validate === undefined) {
      try {
        // A foreign `$schema` (draft-07 and older) makes ajv refuse the schema; the keywords
        // tool schemas use mean the same in 2020-12.
        const { $schema: _ignored, ...rest } = schema as Record<string, unknown>;
        validate = ajv.compile(rest);
      } catch (error) {
        logger.warn(
          `tool input_schema could not be compiled, calls to it are not validated: ${(error as Error).message}`,
        );
        validate = null;
      }
      byText.set(text, validate);
    }
    byObject.set(schema, validate);
    return validate;
  };

  return {
    check(schema, input) {
      const validate = compile(schema);
      if (validate === null || validate(input)) return passes;
      return describeErrors(validate.errors ?? []);
    },
  };
}

function describeErrors(errors: readonly ErrorObject[]): SchemaCheck {
  const missing: string[] = [];
  const unexpected: string[] = [];
  const messages: string[] = [];
  for (const error of errors) {
    if (error.keyword === 'required') missing.push(String(error.params.missingProperty));
    if (error.keyword === 'additionalProperties') unexpected.push(String(error.params.additionalProperty));
    const extra = error.keyword === 'additionalProperties' ? `: ${String(error.params.additionalProperty)}` : '';
    messages.push(`${error.instancePath || '/'} ${error.message ?? error.keyword}${extra}`);
  }
  return { valid: false, missing: unique(missing), unexpected: unique(unexpected), errors: unique(messages) };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
