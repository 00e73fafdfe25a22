/**
 * Judges one tool call against the request's own `tools[]`: valid, unknown tool, schema violation,
 * wrong argument types, double-encoded, unparseable, or cut by the output limit.
 */

import type { ToolCallValidation } from '../core/exchange.ts';
import type { ToolDefinition } from '../core/messages.ts';
import { coerceArguments, decodeDoubleEncoded } from './argument-coercion.ts';
import type { SchemaValidator } from './schema-validator.ts';

/** A tool call as parsed from the stream; `parseError` set when its arguments were not a JSON object. */
export interface ParsedToolCall {
  name: string;
  input: unknown;
  rawJson: string;
  parseError: string | null;
  /**
   * True when the message ended at the output limit (stop `max_tokens`) with this call as its last
   * block: the limit may have cut it (`isIncompleteCall` decides).
   */
  cut?: boolean;
}

/** The validation outcome of `call` against the tools the request offered. */
export function validateToolCall(
  call: ParsedToolCall,
  offeredTools: readonly ToolDefinition[],
  validator: SchemaValidator,
): ToolCallValidation {
  const tool = offeredTools.find((candidate) => candidate.name === call.name);
  if (tool === undefined) return { kind: 'unknown_tool', offeredTools: offeredTools.map((t) => t.name) };
  if (call.cut === true && isIncompleteCall(call, offeredTools, validator)) {
    return { kind: 'truncated', rawJson: call.rawJson };
  }
  if (call.parseError !== null) {
    if (decodeDoubleEncoded(call.input) !== null) return { kind: 'double_encoded', rawJson: call.rawJson };
    return { kind: 'unparseable', error: call.parseError, rawJson: call.rawJson };
  }
  const result = validator.check(tool.input_schema, call.input);
  if (result.valid) return { kind: 'valid' };
  const coerced = coerceArguments(call.input, tool.input_schema);
  if (coerced !== null && validator.check(tool.input_schema, coerced.input).valid) {
    return {
      kind: 'argument_type',
      fields: coerced.fields.map(({ name, expected, got }) => ({ name, expected, got })),
    };
  }
  return { kind: 'schema_violation', missing: result.missing, unexpected: result.unexpected, errors: result.errors };
}

/**
 * Whether a call the output limit ended on is incomplete: its arguments do not parse (and are not
 * a double-encoded object), or, for an offered tool, they lack required keys without having any
 * unexpected ones (a cut at a key boundary that a server closed into valid JSON). A call that
 * validates, or that has wrong names in it, is taken as complete: the limit came after it.
 */
export function isIncompleteCall(
  call: ParsedToolCall,
  offeredTools: readonly ToolDefinition[],
  validator: SchemaValidator,
): boolean {
  const input = call.parseError === null ? call.input : decodeDoubleEncoded(call.input);
  if (input === null) return true;
  const tool = offeredTools.find((candidate) => candidate.name === call.name);
  if (tool === undefined) return false;
  const result = validator.check(tool.input_schema, input);
  return !result.valid && result.missing.length > 0 && result.unexpected.length === 0;
}

/** Parses streamed tool arguments: empty means `{}`, anything but a JSON object is an error. */
export function parseToolArguments(rawJson: string): { input: unknown; error: string | null } {
  if (rawJson.trim() === '') return { input: {}, error: null };
  try {
    const input: unknown = JSON.parse(rawJson);
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      return {
        input,
        error: `arguments are JSON but not an object (${Array.isArray(input) ? 'array' : typeof input})`,
      };
    }
    return { input, error: null };
  } catch (error) {
    return { input: null, error: (error as Error).message };
  }
}
