/** Judges one tool call against the request's own `tools[]`: valid, unknown tool, schema violation, unparseable. */

import type { ToolCallValidation } from '../core/exchange.ts';
import type { ToolDefinition } from '../core/messages.ts';
import type { SchemaValidator } from './schema-validator.ts';

/** A tool call as parsed from the stream; `parseError` set when its arguments were not a JSON object. */
export interface ParsedToolCall {
  name: string;
  input: unknown;
  rawJson: string;
  parseError: string | null;
}

/** The validation outcome of `call` against the tools the request offered. */
export function validateToolCall(
  call: ParsedToolCall,
  offeredTools: readonly ToolDefinition[],
  validator: SchemaValidator,
): ToolCallValidation {
  const tool = offeredTools.find((candidate) => candidate.name === call.name);
  if (tool === undefined) return { kind: 'unknown_tool', offeredTools: offeredTools.map((t) => t.name) };
  if (call.parseError !== null) return { kind: 'unparseable', error: call.parseError, rawJson: call.rawJson };
  const result = validator.check(tool.input_schema, call.input);
  if (result.valid) return { kind: 'valid' };
  return { kind: 'schema_violation', missing: result.missing, unexpected: result.unexpected, errors: result.errors };
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
