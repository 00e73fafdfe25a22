/** The tools Claude Code 2.1.328 offers (fixtures/proxy/claude-code-tools.json), plus Glob and Grep as older versions offer them. */
import { readFileSync } from 'node:fs';
import type { ToolDefinition } from '../../core/messages.ts';

const fixture = new URL('../../../fixtures/proxy/claude-code-tools.json', import.meta.url);

/** The recorded tools[] of a real Claude Code request. */
export function claudeCodeTools(): ToolDefinition[] {
  return (JSON.parse(readFileSync(fixture, 'utf8')) as { tools: ToolDefinition[] }).tools;
}

const object = (properties: Record<string, unknown>, required: string[]): Record<string, unknown> => ({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});

/** Glob and Grep, which 2.1.328 no longer offers by default. */
export const globTool: ToolDefinition = {
  name: 'Glob',
  input_schema: object({ pattern: { type: 'string' }, path: { type: 'string' } }, ['pattern']),
};
export const grepTool: ToolDefinition = {
  name: 'Grep',
  input_schema: object({ pattern: { type: 'string' }, path: { type: 'string' }, glob: { type: 'string' } }, [
    'pattern',
  ]),
};
