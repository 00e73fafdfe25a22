/**
 * The rescue's decision: given a model's tool call and the tools the request offered, find a
 * rewrite (tool name via alias table or normalisation, parameter names likewise) whose result
 * validates against the offered schema. Pure: same call, tools and tables, same answer.
 */

import type { RewriteRecord } from '../core/exchange.ts';
import type { ToolDefinition } from '../core/messages.ts';
import type { AliasMap, AliasTables } from './alias-tables.ts';
import { createSchemaValidator, type SchemaValidator } from './schema-validator.ts';

export interface ToolCallToRescue {
  name: string;
  input: unknown;
}

export interface RescueOutcome {
  /** The call to forward: rewritten, or the original when no rewrite validates. */
  call: ToolCallToRescue;
  /** Empty when the call is forwarded as the model sent it. */
  rewrites: RewriteRecord[];
}

/**
 * Decides how to forward one tool call. A rewrite is applied only when the rewritten call names
 * an offered tool and validates against its `input_schema`; otherwise the original is returned.
 */
export function rescueToolCall(
  call: ToolCallToRescue,
  offeredTools: readonly ToolDefinition[],
  tables: AliasTables,
  validator: SchemaValidator = createSchemaValidator(),
): RescueOutcome {
  const unchanged: RescueOutcome = { call, rewrites: [] };
  const exact = offeredTools.find((tool) => tool.name === call.name);
  if (exact !== undefined && validator.check(exact.input_schema, call.input).valid) return unchanged;

  const targets = exact !== undefined ? [exact] : offeredTargets(call.name, offeredTools, tables.tools);
  for (const tool of targets) {
    const nameRewrites: RewriteRecord[] =
      tool.name === call.name
        ? []
        : [
            {
              kind: 'tool_name',
              where: 'response',
              before: call.name,
              after: tool.name,
              reason: `"${call.name}" is not an offered tool; "${tool.name}" is its offered equivalent`,
            },
          ];
    if (validator.check(tool.input_schema, call.input).valid) {
      return { call: { name: tool.name, input: call.input }, rewrites: nameRewrites };
    }
    const renamed = renameParams(call.input, tool, tables);
    if (renamed !== null && validator.check(tool.input_schema, renamed.input).valid) {
      return { call: { name: tool.name, input: renamed.input }, rewrites: [...nameRewrites, ...renamed.rewrites] };
    }
  }
  return unchanged;
}

/** Lower case without `-`, `_`, spaces or dots: `write_file`, `writeFile`, `Write-File` → `writefile`. */
export function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[-_\s.]/g, '');
}

// `functions.Write`, `default_api:write_file`, `tools/Read`: the part after the namespace.
function withoutNamespace(name: string): string {
  const cut = Math.max(name.lastIndexOf('.'), name.lastIndexOf(':'), name.lastIndexOf('/'));
  return cut === -1 ? name : name.slice(cut + 1);
}

/** Offered tools the name may mean, best first: same name up to spelling, then alias-table targets. */
export function offeredTargets<T extends { name: string }>(
  name: string,
  offeredTools: readonly T[],
  toolAliases: AliasMap,
): T[] {
  const spellings = new Set([normaliseName(name), normaliseName(withoutNamespace(name))]);
  const byNormalName = new Map(offeredTools.map((tool) => [normaliseName(tool.name), tool]));
  const targets: T[] = [];
  const add = (tool: T | undefined): void => {
    if (tool !== undefined && !targets.includes(tool)) targets.push(tool);
  };
  for (const spelling of spellings) add(byNormalName.get(spelling));
  for (const [canonical, aliases] of Object.entries(toolAliases)) {
    if (aliases.some((alias) => spellings.has(normaliseName(alias)))) add(byNormalName.get(normaliseName(canonical)));
  }
  return targets;
}

/** Renames the keys the schema does not know to schema properties; null when nothing was renamed. */
function renameParams(
  input: unknown,
  tool: ToolDefinition,
  tables: AliasTables,
): { input: Record<string, unknown>; rewrites: RewriteRecord[] } | null {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return null;
  const properties = tool.input_schema.properties;
  if (typeof properties !== 'object' || properties === null) return null;
  const known = new Set(Object.keys(properties));
  const taken = new Set(Object.keys(input).filter((key) => known.has(key)));
  const aliasMaps = [tables.paramsByTool[tool.name], tables.params].filter((map): map is AliasMap => map !== undefined);

  const output: Record<string, unknown> = {};
  const rewrites: RewriteRecord[] = [];
  for (const [key, value] of Object.entries(input)) {
    const target = known.has(key) ? undefined : paramTarget(key, known, taken, aliasMaps);
    if (target === undefined) {
      output[key] = value;
      continue;
    }
    taken.add(target);
    output[target] = value;
    rewrites.push({
      kind: 'param_name',
      where: 'response',
      before: key,
      after: target,
      reason: `${tool.name} has no parameter "${key}"; "${target}" is its equivalent`,
    });
  }
  return rewrites.length === 0 ? null : { input: output, rewrites };
}

function paramTarget(
  key: string,
  known: ReadonlySet<string>,
  taken: ReadonlySet<string>,
  aliasMaps: readonly AliasMap[],
): string | undefined {
  const spelling = normaliseName(key);
  const free = (name: string): boolean => known.has(name) && !taken.has(name);
  for (const property of known) {
    if (free(property) && normaliseName(property) === spelling) return property;
  }
  for (const map of aliasMaps) {
    for (const [canonical, aliases] of Object.entries(map)) {
      if (free(canonical) && aliases.some((alias) => normaliseName(alias) === spelling)) return canonical;
    }
  }
  return undefined;
}
