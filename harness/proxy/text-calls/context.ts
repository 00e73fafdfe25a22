import type { ToolDefinition } from '../../core/messages.ts';
import type { AliasTables } from '../alias-tables.ts';
import { offeredTargets } from '../rescue.ts';
import type { TextCallContext } from './types.ts';

/**
 * The context for a request's tools: names, schemas, and the rescue's own name matching
 * (`offeredTargets`: spelling, namespace, alias tables), so text calls map exactly as structured
 * tool calls do.
 */
export function textCallContext(tools: readonly ToolDefinition[], tables: AliasTables): TextCallContext {
  return {
    offeredTools: tools.map((tool) => tool.name),
    mapToolName: (name) => offeredTargets(name, tools, tables.tools)[0]?.name ?? null,
    inputSchemas: Object.fromEntries(tools.map((tool) => [tool.name, tool.input_schema])),
  };
}
